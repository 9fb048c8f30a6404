import { check, expect } from 'course:checks';

const API = 'https://api.example.com';
const TOKEN = 'demo-abc123';

/** Waits on the check's clock (virtual: it costs no real time). */
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default [
  check(
    { name: 'GETs the path on the base URL with the Bearer token', points: 1 },
    async ({ learner, network }) => {
      const session = new learner.ApiSession(API, TOKEN);
      const response = (await session.get('/me')) as Response;
      const [request] = network();
      expect(request?.url, 'the URL requested').toBe(`${API}/me`);
      expect(request?.headers.authorization, 'the Authorization header of GET /me').toBe(
        `Bearer ${TOKEN}`,
      );
      expect(response.status, 'the status of GET /me').toBe(200);
    },
  ),
  check(
    { name: 'gives up after timeoutMs with TimeoutError', scenario: 'hang', points: 1 },
    async ({ learner, clock, network }) => {
      const session = new learner.ApiSession(API, TOKEN, 2_000);
      const error = await expect.rejection(() => session.get('/users/1'), 'get(/users/1)');
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(2_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(2_100);
      expect(network()[0]?.outcome, 'outcome of the request').toBe('timed-out');
    },
  ),
  check(
    { name: 'waits 10 s when no timeout is given', scenario: 'hang', points: 1 },
    async ({ learner, clock }) => {
      const session = new learner.ApiSession(API, TOKEN);
      const error = await expect.rejection(() => session.get('/users/1'), 'get(/users/1)');
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(10_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(10_100);
    },
  ),
  check(
    { name: 'close() cancels every request still in flight with AbortError', points: 2 },
    async ({ learner, clock, network }) => {
      const session = new learner.ApiSession(API, TOKEN);
      const first = session.get('/delay/5');
      const second = session.get('/delay/8');
      await wait(1_000);
      session.close();
      for (const [pending, label] of [
        [first, 'get(/delay/5)'],
        [second, 'get(/delay/8)'],
      ] as const) {
        const error = await expect.rejection(() => pending, `${label}, closed after 1 s`);
        expect(error.name, `${label}: error.name`).toBe('AbortError');
      }
      expect(clock.now(), 'virtual ms until both rejected').toBeLessThanOrEqual(1_100);
      expect(
        network().map((request) => request.outcome),
        'outcome of each request',
      ).toEqual(['aborted', 'aborted']);
    },
  ),
  check(
    { name: 'a get after close() rejects with AbortError and gets no answer', points: 1 },
    async ({ learner, network }) => {
      const session = new learner.ApiSession(API, TOKEN);
      session.close();
      const error = await expect.rejection(() => session.get('/users/1'), 'get(/users/1)');
      expect(error.name, 'error.name').toBe('AbortError');
      expect(
        network().filter((request) => request.status !== null).length,
        'requests answered after close()',
      ).toBe(0);
    },
  ),
  check(
    { name: '[Symbol.dispose]() closes the session, so `using` works', points: 1 },
    async ({ learner }) => {
      const session = new learner.ApiSession(API, TOKEN);
      const pending = session.get('/delay/5');
      await wait(500);
      expect(typeof session[Symbol.dispose], 'typeof session[Symbol.dispose]').toBe('function');
      session[Symbol.dispose]();
      const error = await expect.rejection(() => pending, 'get(/delay/5), disposed after 0.5 s');
      expect(error.name, 'error.name').toBe('AbortError');
    },
  ),
];
