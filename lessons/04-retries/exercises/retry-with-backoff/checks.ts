import { check, expect, type CheckedRequest } from 'course:checks';

const API = 'https://api.example.com';

/** The backoff ceilings before attempts 2, 3 and 4: 1 s, doubled on every retry. */
const CEILINGS = [1000, 2000, 4000];
/** Runs of the backoff check: enough that a random wait cannot pass or fail it by luck. */
const RUNS = 12;

/** Virtual ms from the end of each attempt to the start of the next, rounded for reading. */
function waits(rows: CheckedRequest[]): number[] {
  return rows
    .slice(1)
    .map((row, index) => Math.round(row.startMs - (rows[index]!.endMs ?? rows[index]!.startMs)));
}

export default [
  check(
    { name: 'returns a 200 at once, with one request', points: 1 },
    async ({ learner, network }) => {
      const response = await learner.getWithRetry(`${API}/users/1`);
      expect(response?.status, 'response.status').toBe(200);
      expect(network().length, 'requests made').toBe(1);
    },
  ),
  check(
    { name: 'returns a 404 at once, without retrying', points: 1 },
    async ({ learner, network, clock }) => {
      const response = await learner.getWithRetry(`${API}/users/99999`);
      expect(response?.status, 'response.status').toBe(404);
      expect(network().length, 'requests made for a 404').toBe(1);
      expect(clock.now(), 'virtual ms until it returned').toBeLessThanOrEqual(100);
    },
  ),
  check(
    { name: 'never retries a 500 (only 429, 502, 503 and 504)', points: 1 },
    async ({ learner, network }) => {
      const response = await learner.getWithRetry(`${API}/status/500`);
      expect(response?.status, 'response.status').toBe(500);
      expect(network().length, 'requests made for a 500').toBe(1);
    },
  ),
  check(
    {
      name: 'retries a 503 after waiting its Retry-After: 3 (seconds)',
      points: 2,
      expectedWaits: [{ attempt: 2, minMs: 3000, maxMs: 4000, reason: 'Retry-After: 3' }],
    },
    async ({ learner, network }) => {
      const response = await learner.getWithRetry(`${API}/unstable?fail=1&retry_after=3`);
      expect(response?.status, 'response.status').toBe(200);
      const rows = network();
      expect(rows.length, 'requests made').toBe(2);
      const [wait] = waits(rows);
      expect(wait, 'virtual ms waited after the 503 with Retry-After: 3').toBeGreaterThanOrEqual(
        3000,
      );
      expect(wait, 'virtual ms waited after the 503 with Retry-After: 3').toBeLessThanOrEqual(4000);
    },
  ),
  check(
    {
      name: 'retries a 429 after an HTTP-date Retry-After (5 s ahead)',
      points: 2,
      expectedWaits: [{ attempt: 2, minMs: 5000, maxMs: 7000, reason: 'a date 5 s ahead' }],
    },
    async ({ learner, network }) => {
      const response = await learner.getWithRetry(
        `${API}/unstable?fail=1&status=429&retry_after=5&retry_after_form=date`,
      );
      expect(response?.status, 'response.status').toBe(200);
      const rows = network();
      expect(rows.length, 'requests made').toBe(2);
      const header = rows[0]!.responseHeaders['retry-after'];
      const [wait] = waits(rows);
      // The date is rounded up to a whole second, so the right wait is 5 to 6 s.
      expect(wait, `virtual ms waited after Retry-After: ${header}`).toBeGreaterThanOrEqual(5000);
      expect(wait, `virtual ms waited after Retry-After: ${header}`).toBeLessThanOrEqual(7000);
    },
  ),
  check(
    {
      name: 'recovers from three 502s with no Retry-After, in four requests',
      points: 1,
    },
    async ({ learner, network }) => {
      const response = await learner.getWithRetry(`${API}/unstable?fail=3&status=502`, 4);
      expect(response?.status, 'response.status after three 502s').toBe(200);
      expect(network().length, 'requests made').toBe(4);
    },
  ),
  check(
    {
      name: 'backs off exponentially without Retry-After: random waits up to 1 s, 2 s, 4 s (full jitter) or fixed ones',
      points: 2,
    },
    async ({ learner, network }) => {
      // Full jitter waits a random time in [0, ceiling), so one wait proves nothing: over 12 runs
      // of 3 retries, the waits must add up to a real backoff (full jitter averages 42 s; below
      // 21 s is more than 4 standard deviations away), grow (the third waits more than the first)
      // and stay under twice each ceiling (1 s, 2 s, 4 s, plus jitter on top, pass too).
      const byRetry: number[][] = [[], [], []];
      for (let run = 0; run < RUNS; run++) {
        const before = network().length;
        await learner.getWithRetry(`${API}/status/502`, 4);
        const rows = network().slice(before);
        expect(rows.length, `requests made by run ${run + 1} (maxAttempts = 4)`).toBe(4);
        waits(rows).forEach((wait, retry) => {
          expect(wait, `virtual ms before attempt ${retry + 2}`).toBeLessThanOrEqual(
            2 * CEILINGS[retry]!,
          );
          byRetry[retry]!.push(wait);
        });
      }
      const sum = (list: number[]) => list.reduce((total, wait) => total + wait, 0);
      const total = sum(byRetry.flat());
      expect(
        total,
        `virtual ms waited in all over ${RUNS} runs of 3 retries`,
      ).toBeGreaterThanOrEqual(21_000);
      expect(
        sum(byRetry[2]!),
        `virtual ms waited before the 4th attempts in all (the 2nd attempts: ${sum(byRetry[0]!)})`,
      ).toBeGreaterThanOrEqual(sum(byRetry[0]!) + 1);
    },
  ),
  check(
    { name: 'makes at most maxAttempts requests and returns the last response (504)', points: 1 },
    async ({ learner, network }) => {
      const response = await learner.getWithRetry(`${API}/status/504`);
      expect(response?.status, 'response.status when every attempt is a 504').toBe(504);
      expect(network().length, 'requests made with the default maxAttempts (3)').toBe(3);
      const capped = network().length;
      await learner.getWithRetry(`${API}/status/504`, 2);
      expect(network().length - capped, 'requests made with maxAttempts = 2').toBe(2);
    },
  ),
  check(
    {
      name: 'retries under a rate limit (429, Retry-After: 2) and returns the last 429',
      scenario: 'rate-limited',
      points: 1,
      expectedWaits: [{ attempt: 2, minMs: 2000, reason: 'Retry-After: 2' }],
    },
    async ({ learner, network }) => {
      const response = await learner.getWithRetry(`${API}/users/1`, 2);
      expect(response?.status, 'response.status').toBe(429);
      const rows = network();
      expect(rows.length, 'requests made with maxAttempts = 2').toBe(2);
      expect(waits(rows)[0], 'virtual ms waited after Retry-After: 2').toBeGreaterThanOrEqual(2000);
    },
  ),
  check(
    {
      name: 'retries after a network failure, with a backoff',
      points: 1,
      expectedWaits: [
        { attempt: 2, minMs: 0, maxMs: 2 * CEILINGS[0]!, reason: 'a backoff' },
        { attempt: 3, minMs: 0, maxMs: 2 * CEILINGS[1]!, reason: 'a backoff' },
      ],
    },
    async ({ learner, network }) => {
      const response = await learner.getWithRetry(`${API}/flaky?fail=2&mode=network`);
      expect(response?.status, 'response.status after two network failures').toBe(200);
      const rows = network();
      expect(rows.length, 'requests made').toBe(3);
      const [first, second] = waits(rows);
      expect(first, 'virtual ms before attempt 2').toBeLessThanOrEqual(2 * CEILINGS[0]!);
      expect(second, 'virtual ms before attempt 3').toBeLessThanOrEqual(2 * CEILINGS[1]!);
    },
  ),
  check(
    {
      name: 'rethrows the last network error when no attempt got a response',
      scenario: 'offline',
      points: 1,
    },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.getWithRetry(`${API}/users/1`, 2),
        'getWithRetry(/users/1, 2) while offline',
      );
      expect(error.name, 'error.name').toBe('TypeError');
      expect(network().length, 'requests made with maxAttempts = 2').toBe(2);
    },
  ),
];
