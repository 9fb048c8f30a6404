import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

/** A caller's signal that aborts after `ms` virtual milliseconds with `reason`. */
function abortAfter(ms: number, reason: unknown): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason), ms);
  return controller.signal;
}

export default [
  check(
    { name: 'resolves the JSON of a 200 with one request', points: 1 },
    async ({ learner, network }) => {
      const user = (await learner.getJson(`${API}/users/1`, {
        budgetMs: 5_000,
        attemptTimeoutMs: 2_000,
      })) as { id?: unknown } | undefined;
      expect(user?.id, 'the id in the JSON').toBe(1);
      expect(network().length, 'requests made').toBe(1);
    },
  ),
  check(
    { name: 'rejects with HttpError at once for a 404', points: 1 },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/users/99999`, { budgetMs: 5_000, attemptTimeoutMs: 2_000 }),
        'getJson(/users/99999)',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect((error as { status?: unknown }).status, 'error.status').toBe(404);
      expect(network().length, 'requests made for a 404').toBe(1);
    },
  ),
  check(
    {
      name: 'retries two 503s after their Retry-After: 1, within the budget',
      points: 1,
      expectedWaits: [
        { attempt: 2, minMs: 1000, maxMs: 1200, reason: 'Retry-After: 1' },
        { attempt: 3, minMs: 1000, maxMs: 1200, reason: 'Retry-After: 1' },
      ],
    },
    async ({ learner, network }) => {
      const body = (await learner.getJson(`${API}/unstable?fail=2&retry_after=1`, {
        budgetMs: 10_000,
        attemptTimeoutMs: 2_000,
      })) as { attempt?: unknown } | undefined;
      expect(body?.attempt, 'the attempt that answered').toBe(3);
      expect(network().length, 'requests made').toBe(3);
    },
  ),
  check(
    {
      name: 'ends at the deadline against a hang: attempts of 2 s clamped to a 3 s budget',
      points: 2,
      expectedWaits: [{ attempt: 2, minMs: 500, maxMs: 600, reason: 'the 500 ms wait' }],
    },
    async ({ learner, clock, network }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/hang`, { budgetMs: 3_000, attemptTimeoutMs: 2_000 }),
        'getJson(/hang, budget 3000, attempts 2000)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      // Attempt 1 ends at 2 s, a 500 ms wait, attempt 2 gets the 500 ms that are left.
      expect(network().length, 'requests made').toBe(2);
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(2_950);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(3_050);
    },
  ),
  check(
    {
      name: 'reads the body under the same deadline (a body that drips for 5 s, budget 2.5 s)',
      points: 2,
    },
    async ({ learner, clock }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/slow-body/5`, { budgetMs: 2_500, attemptTimeoutMs: 1_000 }),
        'getJson(/slow-body/5, budget 2500, attempts 1000)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(2_550);
    },
  ),
  check(
    {
      name: 'gives up at once when Retry-After: 30 is longer than the budget',
      points: 1,
    },
    async ({ learner, clock, network }) => {
      const error = await expect.rejection(
        () =>
          learner.getJson(`${API}/unstable?fail=1&retry_after=30`, {
            budgetMs: 5_000,
            attemptTimeoutMs: 2_000,
          }),
        'getJson(/unstable, Retry-After: 30, budget 5000)',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect((error as { status?: unknown }).status, 'error.status').toBe(503);
      expect(network().length, 'requests made').toBe(1);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(100);
    },
  ),
  check(
    {
      name: "rejects with the caller's reason at once when it cancels during a wait",
      points: 2,
    },
    async ({ learner, clock, network }) => {
      const reason = new Error('the user left the page');
      const error = await expect.rejection(
        () =>
          learner.getJson(`${API}/unstable?fail=3&retry_after=2`, {
            budgetMs: 10_000,
            attemptTimeoutMs: 2_000,
            signal: abortAfter(1_000, reason),
          }),
        'getJson(/unstable, Retry-After: 2, cancelled at 1000 ms)',
      );
      expect(error === reason, "the error is the caller's signal.reason").toBe(true);
      expect(network().length, 'requests made').toBe(1);
      expect(clock.now(), 'virtual ms until it rejected').toBeLessThanOrEqual(1_050);
    },
  ),
];
