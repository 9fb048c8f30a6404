import { check, expect, type CheckedRequest } from 'course:checks';

const API = 'https://api.example.com';
const DOC_1 = `${API}/documents/1`;
const DOC_2 = `${API}/documents/2`;

/** Waits `ms` on the check's virtual clock (a minute passes in no time). */
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The learner's requests, without the ones the check made as "a colleague". */
const mine = (rows: CheckedRequest[]) =>
  rows.filter((row) => row.headers['x-client'] !== 'colleague');

/** A colleague changes the document's title (a PUT the check sends, not the learner). */
async function colleagueRenames(url: string, title: string): Promise<void> {
  const headers = { 'X-Client': 'colleague' };
  const doc = (await (await fetch(url, { headers })).json()) as Record<string, unknown>;
  const response = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...doc, title }),
  });
  if (response.status !== 200) throw new Error(`the colleague's PUT got ${response.status}`);
}

interface Doc {
  id?: unknown;
  title?: unknown;
}

export default [
  check(
    { name: 'the first call sends one plain GET and resolves with the JSON', points: 1 },
    async ({ learner, network }) => {
      const doc = (await learner.createCache().getJson(DOC_1)) as Doc | undefined;
      expect(doc?.title, 'the title in the JSON').toBe('Release checklist');
      const rows = mine(network());
      expect(rows.length, 'requests made').toBe(1);
      expect(rows[0]?.headers['if-none-match'] ?? null, 'If-None-Match of the first GET').toBe(
        null,
      );
    },
  ),
  check(
    { name: 'within max-age (60 s) it answers from the cache, with no request', points: 2 },
    async ({ learner, network }) => {
      const cache = learner.createCache();
      const first: unknown = await cache.getJson(DOC_1);
      await wait(30_000);
      const second: unknown = await cache.getJson(DOC_1);
      expect(second, 'what the call 30 s later resolved').toEqual(first);
      expect(mine(network()).length, 'requests made for two calls 30 s apart').toBe(1);
    },
  ),
  check(
    {
      name: 'after max-age it revalidates with If-None-Match: the ETag, and resolves with the stored body on 304',
      points: 2,
    },
    async ({ learner, network }) => {
      const cache = learner.createCache();
      const first: unknown = await cache.getJson(DOC_1);
      await wait(61_000);
      const second: unknown = await cache.getJson(DOC_1);
      const rows = mine(network());
      expect(rows.length, 'requests made for two calls 61 s apart').toBe(2);
      expect(rows[1]?.headers['if-none-match'] ?? null, 'If-None-Match of the second GET').toBe(
        rows[0]?.responseHeaders['etag'] ?? 'the ETag of the first answer',
      );
      expect(rows[1]?.status, 'status of the second GET').toBe(304);
      expect(second, 'what the call after the 304 resolved').toEqual(first);
    },
  ),
  check(
    { name: 'a 304 makes the copy fresh again for its max-age', points: 1 },
    async ({ learner, network }) => {
      const cache = learner.createCache();
      await cache.getJson(DOC_1); // t = 0
      await wait(61_000);
      await cache.getJson(DOC_1); // t = 61 s: revalidated, fresh until 121 s
      await wait(30_000);
      await cache.getJson(DOC_1); // t = 91 s: fresh
      expect(mine(network()).length, 'requests made by t = 91 s').toBe(2);
      await wait(31_000);
      await cache.getJson(DOC_1); // t = 122 s: stale again
      expect(mine(network()).length, 'requests made by t = 122 s').toBe(3);
    },
  ),
  check(
    {
      name: 'after a change, the 200 replaces the copy, and its new ETag is the one sent next',
      points: 2,
    },
    async ({ learner, network }) => {
      const cache = learner.createCache();
      await cache.getJson(DOC_1);
      await wait(61_000);
      await colleagueRenames(DOC_1, 'Release checklist (renamed)');
      const changed = (await cache.getJson(DOC_1)) as Doc | undefined;
      expect(changed?.title, 'the title after the change').toBe('Release checklist (renamed)');
      await wait(61_000);
      const again = (await cache.getJson(DOC_1)) as Doc | undefined;
      expect(again?.title, 'the title one revalidation later').toBe('Release checklist (renamed)');
      const rows = mine(network());
      expect(rows.length, 'requests made').toBe(3);
      expect(rows[1]?.status, 'status of the revalidation after the change').toBe(200);
      expect(rows[2]?.headers['if-none-match'] ?? null, 'If-None-Match after the change').toBe(
        rows[1]?.responseHeaders['etag'] ?? 'the new ETag',
      );
      expect(rows[2]?.status, 'status of the next revalidation').toBe(304);
    },
  ),
  check({ name: 'keeps one copy per URL', points: 1 }, async ({ learner, network }) => {
    const cache = learner.createCache();
    const one = (await cache.getJson(DOC_1)) as Doc | undefined;
    const two = (await cache.getJson(DOC_2)) as Doc | undefined;
    await wait(30_000);
    const oneAgain = (await cache.getJson(DOC_1)) as Doc | undefined;
    expect(one?.id, 'id from /documents/1').toBe(1);
    expect(two?.id, 'id from /documents/2').toBe(2);
    expect(oneAgain?.id, 'id from /documents/1, 30 s later').toBe(1);
    expect(mine(network()).length, 'requests made').toBe(2);
  }),
  check(
    { name: 'rejects with HttpError for a 404 (a 304 is not an error, a 404 is)', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        () => learner.createCache().getJson(`${API}/documents/9`),
        'getJson(/documents/9)',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect((error as { status?: unknown }).status, 'error.status').toBe(404);
    },
  ),
];
