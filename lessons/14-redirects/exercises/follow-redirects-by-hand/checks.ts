import { check, expect } from 'course:checks';

const API = 'https://api.example.com';
const TOKEN = 'Bearer demo-abc123';

export default [
  check(
    {
      name: 'follows /redirect/3 to /anything, one request per hop, and tells onRedirect each hop',
      points: 2,
    },
    async ({ learner, network }) => {
      const hops: string[] = [];
      const response = (await learner.followRedirects(`${API}/redirect/3`, {
        onRedirect: (from: string, status: number, to: string) =>
          hops.push(`${from} ${status} ${to}`),
      })) as Response;
      expect(response.status, 'the status returned').toBe(200);
      expect(((await response.json()) as { path?: unknown }).path, 'the path echoed').toBe(
        '/anything',
      );
      expect(
        network().map((request) => request.url),
        'the URLs requested',
      ).toEqual([`${API}/redirect/3`, `${API}/redirect/2`, `${API}/redirect/1`, `${API}/anything`]);
      expect(hops, 'the calls to onRedirect(from, status, to)').toEqual([
        `${API}/redirect/3 302 ${API}/redirect/2`,
        `${API}/redirect/2 302 ${API}/redirect/1`,
        `${API}/redirect/1 302 ${API}/anything`,
      ]);
    },
  ),
  check(
    {
      name: 'keeps Authorization on the same origin, drops it (and only it) on another',
      points: 2,
    },
    async ({ learner, network }) => {
      const headers = { Authorization: TOKEN, 'X-Api-Key': 'demo-key' };
      await learner.followRedirects(`${API}/redirect-to?url=/headers`, { headers });
      expect(network()[1]?.headers.authorization, 'Authorization on the same-origin hop').toBe(
        TOKEN,
      );
      await learner.followRedirects(
        `${API}/redirect-to?url=https://api.github.com/repos/python/cpython`,
        { headers },
      );
      const hop = network()[3];
      expect(hop?.url, 'the second hop of the cross-origin call').toBe(
        'https://api.github.com/repos/python/cpython',
      );
      expect(hop?.headers.authorization, 'Authorization sent to api.github.com').toBe(undefined);
      expect(hop?.headers['x-api-key'], 'X-Api-Key sent to api.github.com').toBe('demo-key');
    },
  ),
  check(
    {
      name: 'a 303 after a POST, and a 302 after a POST, become a GET without the body',
      points: 1,
    },
    async ({ learner, network }) => {
      for (const status of [303, 302]) {
        await learner.followRedirects(`${API}/redirect-to?url=/anything&status_code=${status}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"name":"Ada"}',
        });
      }
      for (const [index, status] of [
        [1, 303],
        [3, 302],
      ] as const) {
        const hop = network()[index];
        expect(hop?.method, `the method after a ${status}`).toBe('GET');
        expect(hop?.body, `the body after a ${status}`).toBe(null);
        expect(hop?.headers['content-type'], `Content-Type after a ${status}`).toBe(undefined);
      }
    },
  ),
  check(
    { name: '307 and 308 keep the method and the body; a 301 keeps a PUT', points: 1 },
    async ({ learner, network }) => {
      const sent: [string, number][] = [
        ['PUT', 307],
        ['POST', 308],
        ['PUT', 301],
      ];
      for (const [method, status] of sent) {
        await learner.followRedirects(`${API}/redirect-to?url=/anything&status_code=${status}`, {
          method,
          headers: { 'Content-Type': 'application/json' },
          body: '{"name":"Ada"}',
        });
      }
      sent.forEach(([method, status], index) => {
        const hop = network()[index * 2 + 1];
        expect(hop?.method, `the method after a ${status} (${method})`).toBe(method);
        expect(hop?.body, `the body after a ${status} (${method})`).toBe('{"name":"Ada"}');
      });
    },
  ),
  check(
    {
      name: 'stops at maxRedirects: /redirect/6 rejects with TooManyRedirectsError after 6 requests',
      points: 2,
    },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.followRedirects(`${API}/redirect/6`),
        'followRedirects(/redirect/6)',
      );
      expect(error.name, 'error.name').toBe('TooManyRedirectsError');
      expect(network().length, 'requests made (5 redirects followed, the 6th refused)').toBe(6);
      const response = (await learner.followRedirects(`${API}/redirect/2`, {
        maxRedirects: 2,
      })) as Response;
      expect(response.status, 'the status of /redirect/2 with maxRedirects: 2').toBe(200);
    },
  ),
  check(
    {
      name: 'one signal for the whole chain: every answer takes 3 s, a 5 s deadline ends it at 5 s',
      scenario: 'slow',
      points: 2,
    },
    async ({ learner, clock, network }) => {
      const error = await expect.rejection(
        () => learner.followRedirects(`${API}/redirect/3`, { signal: AbortSignal.timeout(5_000) }),
        'followRedirects(/redirect/3, 5 s deadline, 3 s per answer)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(network().length, 'requests made (the second one was cut off)').toBe(2);
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(5_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(5_050);
    },
  ),
];
