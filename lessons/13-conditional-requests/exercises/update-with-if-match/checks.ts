import { check, expect, type CheckedRequest } from 'course:checks';

const API = 'https://api.example.com';
const DOC_3 = `${API}/documents/3`;

interface Doc {
  id: number;
  title: string;
  body: string;
  tags: string[];
}

/** The learner's requests, without the ones the check made as "a colleague". */
const mine = (rows: CheckedRequest[]) =>
  rows.filter((row) => row.headers['x-client'] !== 'colleague');

/** A colleague adds a tag to the document (requests the check sends, not the learner). */
async function colleagueAddsTag(url: string, tag: string): Promise<void> {
  const headers = { 'X-Client': 'colleague' };
  const doc = (await (await fetch(url, { headers })).json()) as Doc;
  const response = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...doc, tags: [...doc.tags, tag] }),
  });
  if (response.status !== 200) throw new Error(`the colleague's PUT got ${response.status}`);
}

async function current(url: string): Promise<Doc> {
  return (await (await fetch(url, { headers: { 'X-Client': 'colleague' } })).json()) as Doc;
}

const rename = (doc: Doc): Doc => ({ ...doc, title: 'Team lunch (booked)' });

export default [
  check(
    {
      name: 'reads, then PUTs the edit as JSON with If-Match: the ETag it read, and resolves with the result',
      points: 2,
    },
    async ({ learner, network }) => {
      const result = (await learner.updateDocument(DOC_3, rename)) as Doc | undefined;
      expect(result?.title, 'title of the document it resolved').toBe('Team lunch (booked)');
      const [read, write] = mine(network());
      expect(mine(network()).length, 'requests made').toBe(2);
      expect(read?.method, 'method of the first request').toBe('GET');
      expect(write?.method, 'method of the second request').toBe('PUT');
      expect(write?.headers['if-match'] ?? null, 'If-Match of the PUT').toBe(
        read?.responseHeaders['etag'] ?? 'the ETag of the GET',
      );
      expect(write?.headers['content-type'] ?? null, 'Content-Type of the PUT').toMatch(
        /^application\/json/,
      );
      expect(write?.status, 'status of the PUT').toBe(200);
    },
  ),
  check(
    {
      name: "on 412 it reads again and applies the edit to the new version: the colleague's change is kept",
      points: 3,
    },
    async ({ learner, network }) => {
      let calls = 0;
      const result = (await learner.updateDocument(DOC_3, async (doc: Doc) => {
        calls += 1;
        if (calls === 1) await colleagueAddsTag(DOC_3, 'social'); // between your read and write
        return rename(doc);
      })) as Doc | undefined;
      const rows = mine(network());
      expect(
        rows.map((row) => `${row.method} ${row.status}`).join(', '),
        'your requests, with their statuses',
      ).toBe('GET 200, PUT 412, GET 200, PUT 200');
      expect(rows[3]?.headers['if-match'] ?? null, 'If-Match of the second PUT').toBe(
        rows[2]?.responseHeaders['etag'] ?? 'the ETag of the second GET',
      );
      expect(calls, 'times edit was called').toBe(2);
      expect(result?.title, 'title it resolved with').toBe('Team lunch (booked)');
      const final = await current(DOC_3);
      expect(final.title, 'title of the document in the end').toBe('Team lunch (booked)');
      expect(final.tags, "tags in the end (the colleague's)").toEqual(['social']);
    },
  ),
  check(
    {
      name: 'gives up with ConflictError after a second 412: one retry, not a loop',
      points: 2,
    },
    async ({ learner, network }) => {
      let calls = 0;
      const error = await expect.rejection(
        () =>
          learner.updateDocument(DOC_3, async (doc: Doc) => {
            calls += 1;
            await colleagueAddsTag(DOC_3, `edit-${calls}`); // someone writes every time
            return rename(doc);
          }),
        'updateDocument while a colleague writes every time',
      );
      expect(error.name, 'error.name').toBe('ConflictError');
      expect(
        mine(network())
          .map((row) => `${row.method} ${row.status}`)
          .join(', '),
        'your requests, with their statuses',
      ).toBe('GET 200, PUT 412, GET 200, PUT 412');
      expect((await current(DOC_3)).title, 'title in the end (never written)').toBe('Team lunch');
    },
  ),
  check(
    { name: 'rejects with HttpError for a 404, without calling edit or writing', points: 1 },
    async ({ learner, network }) => {
      let calls = 0;
      const error = await expect.rejection(
        () =>
          learner.updateDocument(`${API}/documents/9`, (doc: Doc) => {
            calls += 1;
            return doc;
          }),
        'updateDocument(/documents/9)',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect((error as { status?: unknown }).status, 'error.status').toBe(404);
      expect(calls, 'times edit was called').toBe(0);
      expect(mine(network()).length, 'requests made').toBe(1);
    },
  ),
  check(
    { name: 'rejects with HttpError for a 422 from the PUT, with no retry', points: 1 },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.updateDocument(DOC_3, (doc: Doc) => ({ ...doc, title: '' })),
        'updateDocument with an empty title',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect((error as { status?: unknown }).status, 'error.status').toBe(422);
      expect(mine(network()).length, 'requests made').toBe(2);
    },
  ),
];
