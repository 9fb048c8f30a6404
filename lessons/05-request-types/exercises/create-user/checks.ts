import { check, expect } from 'course:checks';

const ALICE = { name: 'Alice Example', email: 'alice@example.com' };

export default [
  check(
    { name: 'sends a POST with a JSON body and Content-Type: application/json', points: 1 },
    async ({ learner, network }) => {
      await learner.createUser(ALICE).catch(() => undefined);
      const [request] = network();
      expect(request?.method, 'request method').toBe('POST');
      expect(request?.url, 'request URL').toBe('https://api.example.com/users');
      expect(request?.headers['content-type'] ?? null, 'Content-Type header').toMatch(
        /^application\/json/,
      );
      expect(JSON.parse(request?.body ?? 'null'), 'request body, parsed').toEqual(ALICE);
    },
  ),
  check(
    { name: 'resolves the stored user and the Location of a 201', points: 2 },
    async ({ learner }) => {
      const created = await learner.createUser(ALICE);
      expect(created?.user?.id, 'result.user.id').toBe(65);
      expect(created?.user?.status, 'result.user.status (filled in by the server)').toBe('active');
      expect(created?.location, 'result.location').toBe('https://api.example.com/users/65');
    },
  ),
  check(
    { name: 'throws ValidationError with the message for each field on a 422', points: 2 },
    async ({ learner }) => {
      const error = await expect.rejection(
        () => learner.createUser({ email: 'not-an-email' }),
        'createUser({ email: "not-an-email" })',
      );
      expect(error.name, 'error.name').toBe('ValidationError');
      expect(error.fields, 'error.fields').toEqual({
        name: 'is required',
        email: 'must be an email address like name@example.com',
      });
    },
  ),
  check(
    { name: 'throws an Error with the status on a 500', scenario: 'server-error', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(() => learner.createUser(ALICE), 'createUser(…)');
      expect(error.name, 'error.name').toBe('Error');
      expect(error.message, 'error.message').toContain('500');
    },
  ),
];
