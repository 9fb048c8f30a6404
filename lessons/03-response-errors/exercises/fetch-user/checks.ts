import { check, expect } from 'course:checks';

export default [
  check({ name: 'returns the user for id 1', points: 1 }, async ({ learner }) => {
    const user = await learner.fetchUser(1);
    expect(user?.id, 'user.id').toBe(1);
    expect(typeof user?.name, 'typeof user.name').toBe('string');
  }),
  check(
    { name: 'throws UserNotFoundError, with the id in its message, on 404', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(() => learner.fetchUser(99999), 'fetchUser(99999)');
      expect(error.name, 'error.name').toBe('UserNotFoundError');
      expect(error.message, 'error.message').toContain('99999');
    },
  ),
  check(
    {
      name: 'throws RateLimitError with retryAfterSeconds from Retry-After on 429',
      scenario: 'rate-limited',
      points: 1,
    },
    async ({ learner }) => {
      const error = await expect.rejection(() => learner.fetchUser(1), 'fetchUser(1)');
      expect(error.name, 'error.name').toBe('RateLimitError');
      expect(error.retryAfterSeconds, 'error.retryAfterSeconds').toBe(2);
    },
  ),
  check(
    {
      name: 'throws RateLimitError with the seconds until an HTTP-date Retry-After on 429',
      scenario: 'rate-limited-date',
      points: 1,
    },
    async ({ learner, network }) => {
      const error = await expect.rejection(() => learner.fetchUser(1), 'fetchUser(1)');
      expect(error.name, 'error.name').toBe('RateLimitError');
      const header = network()[0]?.responseHeaders['retry-after'];
      // The date is 2 s ahead, rounded up to a whole second: 2 or 3 seconds to wait, never NaN or 0.
      const seconds = error.retryAfterSeconds;
      expect(seconds, `error.retryAfterSeconds for Retry-After: ${header}`).toBeGreaterThanOrEqual(
        2,
      );
      expect(seconds, `error.retryAfterSeconds for Retry-After: ${header}`).toBeLessThanOrEqual(3);
    },
  ),
  check(
    { name: 'throws ApiError with the status on a 500', scenario: 'server-error', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(() => learner.fetchUser(1), 'fetchUser(1)');
      expect(error.name, 'error.name').toBe('ApiError');
      expect(error.status, 'error.status').toBe(500);
    },
  ),
  check(
    { name: 'throws NetworkError when there is no response', scenario: 'offline', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(() => learner.fetchUser(1), 'fetchUser(1)');
      expect(error.name, 'error.name').toBe('NetworkError');
    },
  ),
  check(
    {
      name: 'gives up within 10 s with RequestTimeoutError when the server hangs',
      scenario: 'hang',
      points: 2,
    },
    async ({ learner, clock, network }) => {
      const error = await expect.rejection(() => learner.fetchUser(1), 'fetchUser(1)');
      expect(error.name, 'error.name').toBe('RequestTimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(10_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(9_000);
      expect(network().length, 'requests made').toBe(1);
    },
  ),
];
