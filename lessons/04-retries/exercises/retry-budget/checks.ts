import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

export default [
  check(
    { name: 'returns a 404 at once, without retrying', points: 1 },
    async ({ learner, network }) => {
      const response = await learner.getWithBudget(`${API}/users/99999`, 10_000);
      expect(response?.status, 'response.status').toBe(404);
      expect(network().length, 'requests made for a 404').toBe(1);
    },
  ),
  check(
    { name: 'retries within the budget until the answer comes', points: 1 },
    async ({ learner, network }) => {
      const response = await learner.getWithBudget(`${API}/unstable?fail=2&retry_after=1`, 10_000);
      expect(response?.status, 'response.status after two 503s').toBe(200);
      expect(network().length, 'requests made').toBe(3);
    },
  ),
  check(
    {
      name: 'stops before a wait that would overrun the budget (503, Retry-After: 2, budget 5 s)',
      scenario: 'unavailable',
      points: 2,
    },
    async ({ learner, network, clock }) => {
      const response = await learner.getWithBudget(`${API}/products`, 5_000);
      expect(response?.status, 'response.status').toBe(503);
      // Attempts at 0, 2 and 4 s; a third wait would end at 6 s.
      expect(network().length, 'requests made in 5 s with Retry-After: 2').toBe(3);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(5_000);
    },
  ),
  check(
    {
      name: 'gives up at once when Retry-After alone is longer than the budget',
      points: 2,
    },
    async ({ learner, network, clock }) => {
      const response = await learner.getWithBudget(
        `${API}/unstable?fail=1&status=429&retry_after=30`,
        10_000,
      );
      expect(response?.status, 'response.status').toBe(429);
      expect(network().length, 'requests made').toBe(1);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(100);
    },
  ),
  check(
    {
      name: 'rethrows the network error when the next backoff would overrun the budget',
      scenario: 'offline',
      points: 2,
    },
    async ({ learner, network, clock }) => {
      const error = await expect.rejection(
        () => learner.getWithBudget(`${API}/users/1`, 2_500),
        'getWithBudget(/users/1, 2500) while offline',
      );
      expect(error.name, 'error.name').toBe('TypeError');
      // Attempt 1 at 0 s, a 1 s backoff, attempt 2; a 2 s backoff would end past 2.5 s.
      expect(network().length, 'requests made in 2.5 s').toBe(2);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(2_500);
    },
  ),
  check(
    {
      name: 'ends within the budget even when the server hangs',
      scenario: 'hang',
      points: 2,
    },
    async ({ learner, clock, network }) => {
      const error = await expect.rejection(
        () => learner.getWithBudget(`${API}/users/1`, 3_000),
        'getWithBudget(/users/1, 3000) against a server that hangs',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(network().length, 'requests made').toBe(1);
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(2_900);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(3_000);
    },
  ),
];
