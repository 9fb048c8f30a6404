import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

const get = (path: string) => fetch(`${API}${path}`, { signal: AbortSignal.timeout(5_000) });

export default [
  check(
    { name: 'a 200 with JSON: status, ok, content type and the parsed body', points: 1 },
    async ({ learner }) => {
      const summary = await learner.summarize(await get('/users/1'));
      expect(summary?.status, 'summary.status').toBe(200);
      expect(summary?.ok, 'summary.ok').toBe(true);
      expect(summary?.contentType, 'summary.contentType').toBe('application/json; charset=utf-8');
      expect(summary?.body?.name, 'summary.body.name').toBe('Farah Larsen');
    },
  ),
  check(
    { name: 'a 404 is described, not thrown, and problem+json is JSON too', points: 1 },
    async ({ learner }) => {
      const summary = await learner.summarize(await get('/users/99999'));
      expect(summary?.status, 'summary.status').toBe(404);
      expect(summary?.ok, 'summary.ok').toBe(false);
      expect(summary?.body?.status, 'summary.body.status (the parsed problem details)').toBe(404);
    },
  ),
  check({ name: 'an HTML error page is kept as text', points: 1 }, async ({ learner }) => {
    const summary = await learner.summarize(await get('/html-error/502'));
    expect(summary?.status, 'summary.status').toBe(502);
    expect(summary?.contentType, 'summary.contentType').toBe('text/html; charset=utf-8');
    expect(typeof summary?.body, 'typeof summary.body').toBe('string');
    expect(summary?.body, 'summary.body').toContain('<title>502 Bad Gateway</title>');
  }),
  check(
    { name: 'an empty 204 has a null body and no content type', points: 1 },
    async ({ learner }) => {
      const summary = await learner.summarize(await get('/status/204'));
      expect(summary?.status, 'summary.status').toBe(204);
      expect(summary?.ok, 'summary.ok').toBe(true);
      expect(summary?.contentType, 'summary.contentType').toBe(null);
      expect(summary?.body, 'summary.body').toBe(null);
    },
  ),
  check(
    {
      name: 'reads X-RateLimit-Remaining as a number, 0 included',
      scenario: 'rate-limited',
      points: 1,
    },
    async ({ learner }) => {
      const summary = await learner.summarize(await get('/users/1'));
      expect(summary?.status, 'summary.status').toBe(429);
      expect(summary?.remaining, 'summary.remaining (X-RateLimit-Remaining: 0)').toBe(0);
    },
  ),
  check(
    {
      name: 'a vendor +json type is JSON, plain text is text, a missing header is null',
      points: 1,
    },
    async ({ learner }) => {
      const vendor = await learner.summarize(
        new Response('{"id": 7}', {
          headers: { 'Content-Type': 'application/vnd.example+json' },
        }),
      );
      expect(vendor?.body, 'the body of an application/vnd.example+json response').toEqual({
        id: 7,
      });
      const plain = await learner.summarize(
        new Response('{"id": 7}', { headers: { 'Content-Type': 'text/plain' } }),
      );
      expect(plain?.body, 'the body of a text/plain response').toBe('{"id": 7}');
      expect(plain?.remaining, 'summary.remaining with no X-RateLimit-Remaining').toBe(null);
    },
  ),
];
