import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

export default [
  check({ name: 'collects all 64 users from 4 pages', points: 1 }, async ({ learner }) => {
    const users = (await learner.fetchAllPages(`${API}/users?per_page=20`)) as { id: number }[];
    expect(users?.length, 'number of users').toBe(64);
    const ids = users.map((user) => user.id);
    expect(ids, 'the user ids, in order').toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
  }),
  check(
    { name: 'follows rel="next" and stops after the last page', points: 2 },
    async ({ learner, network }) => {
      const users = (await learner.fetchAllPages(`${API}/users?status=inactive&per_page=5`)) as {
        status: string;
      }[];
      // The URLs the mock's Link headers name, filters kept: status first, then per_page and page.
      expect(
        network().map((request) => request.url),
        'the URLs requested',
      ).toEqual([
        `${API}/users?status=inactive&per_page=5`,
        `${API}/users?status=inactive&per_page=5&page=2`,
        `${API}/users?status=inactive&per_page=5&page=3`,
      ]);
      expect(users.length, 'number of inactive users').toBe(12);
      expect(
        users.every((user) => user.status === 'inactive'),
        'every user is inactive',
      ).toBe(true);
    },
  ),
  check(
    { name: 'makes one request when there is no next page', points: 1 },
    async ({ learner, network }) => {
      const products = (await learner.fetchAllPages(`${API}/products?per_page=100`)) as unknown[];
      expect(products?.length, 'number of products').toBe(14);
      expect(network().length, 'requests made').toBe(1);
    },
  ),
  check(
    {
      name: 'stops with the status when a page in the middle fails',
      scenario: 'flaky',
      seed: 1,
      points: 2,
    },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.fetchAllPages(`${API}/users?per_page=20`),
        'fetchAllPages(/users?per_page=20)',
      );
      expect(
        network().map((request) => request.status),
        'the statuses of the requests made',
      ).toEqual([200, 503]);
      expect(error.message, 'error.message').toContain('503');
    },
  ),
  check(
    { name: 'gives up on a page after 5 s when the server hangs', scenario: 'hang', points: 1 },
    async ({ learner, clock, network }) => {
      const error = await expect.rejection(
        () => learner.fetchAllPages(`${API}/users?per_page=20`),
        'fetchAllPages(/users?per_page=20)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(5_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(5_100);
      expect(network().length, 'requests made').toBe(1);
    },
  ),
];
