import { check, expect } from 'course:checks';

export default [
  check({ name: 'resolves the name of user 42', points: 1 }, async ({ learner }) => {
    const name = await learner.getUserName(42);
    expect(name, 'getUserName(42)').toBe('Hugo Kowalski');
  }),
  check({ name: 'asks over https://', points: 1 }, async ({ learner, network }) => {
    await learner.getUserName(42);
    expect(network()[0]?.url, 'the URL requested').toBe('https://api.example.com/users/42');
  }),
  check(
    { name: 'a 404 rejects with the status in the message', points: 1 },
    async ({ learner, network }) => {
      const error = await expect.rejection(() => learner.getUserName(9999), 'getUserName(9999)');
      expect(network()[0]?.status, 'the status of GET /users/9999').toBe(404);
      expect(error.message, 'error.message').toContain('404');
    },
  ),
  check(
    { name: 'a 500 rejects instead of resolving undefined', scenario: 'server-error', points: 1 },
    async ({ learner, network }) => {
      const error = await expect.rejection(() => learner.getUserName(42), 'getUserName(42)');
      expect(network()[0]?.status, 'the status of GET /users/42').toBe(500);
      expect(error.message, 'error.message').toContain('500');
    },
  ),
  check(
    { name: 'gives up after 5 s when the server hangs', scenario: 'hang', points: 2 },
    async ({ learner, clock }) => {
      const error = await expect.rejection(() => learner.getUserName(42), 'getUserName(42)');
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(5_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(5_100);
    },
  ),
];
