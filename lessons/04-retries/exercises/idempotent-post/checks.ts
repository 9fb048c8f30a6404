import { check, expect, type CheckedRequest } from 'course:checks';

const ADA = { name: 'Ada Example', email: 'ada@example.com' };

function keys(rows: CheckedRequest[]): (string | undefined)[] {
  return rows.map((row) => row.headers['idempotency-key']);
}

export default [
  check(
    { name: 'POSTs the input as JSON and resolves the created user', points: 1 },
    async ({ learner, network }) => {
      const user = await learner.createUser(ADA);
      expect(user?.id, 'user.id of the new user').toBe(65);
      expect(user?.email, 'user.email').toBe(ADA.email);
      const [request] = network();
      expect(request?.method, 'request method').toBe('POST');
      expect(request?.url, 'request URL').toBe('https://api.example.com/users');
      expect(request?.headers['content-type'], 'Content-Type header').toContain('application/json');
      expect(JSON.parse(request?.body ?? 'null'), 'request body').toEqual(ADA);
    },
  ),
  check({ name: 'sends an Idempotency-Key header', points: 1 }, async ({ learner, network }) => {
    await learner.createUser(ADA);
    const [key] = keys(network());
    expect(typeof key, 'typeof the Idempotency-Key header').toBe('string');
    expect(key!.length, 'length of the Idempotency-Key').toBeGreaterThanOrEqual(8);
  }),
  check(
    {
      name: 'retries a 503 and a network failure with the same key, creating one user',
      scenario: 'flaky',
      seed: 19,
      points: 3,
    },
    async ({ learner, network }) => {
      const user = await learner.createUser(ADA);
      const rows = network();
      // Seed 19 of the flaky scenario: a 503 (Retry-After: 1), then no response, then success.
      expect(
        rows.map((row) => row.status),
        'statuses of the attempts',
      ).toEqual([503, null, 201]);
      expect(user?.id, 'user.id').toBe(65);
      const [first, ...rest] = keys(rows);
      expect(typeof first, 'typeof the first Idempotency-Key').toBe('string');
      for (const [index, key] of rest.entries()) {
        expect(key, `Idempotency-Key of attempt ${index + 2}`).toBe(first);
      }
      const waits = rows.slice(1).map((row, index) => row.startMs - (rows[index]!.endMs ?? 0));
      for (const [index, wait] of waits.entries()) {
        expect(Math.round(wait), `virtual ms before attempt ${index + 2}`).toBeGreaterThanOrEqual(
          1000,
        );
      }
    },
  ),
  check(
    { name: 'uses a new key for each new user (one key per operation)', points: 1 },
    async ({ learner, network }) => {
      const ada = await learner.createUser(ADA);
      const grace = await learner.createUser({ name: 'Grace Example', email: 'grace@example.com' });
      expect([ada?.id, grace?.id], 'ids of the two new users').toEqual([65, 66]);
      const [first, second] = keys(network());
      expect(typeof first, 'typeof the first Idempotency-Key').toBe('string');
      expect(
        second === first ? 'the first call’s key again' : 'a new key',
        'Idempotency-Key of the second createUser call',
      ).toBe('a new key');
    },
  ),
  check(
    { name: 'throws at once on a 422, with the status in the message', points: 1 },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.createUser({ name: 'No Email', email: 'not-an-email' }),
        'createUser with an invalid email',
      );
      expect(error.message, 'error.message').toContain('422');
      expect(network().length, 'requests made for a 422').toBe(1);
    },
  ),
];
