import { beforeEach, describe, expect, it } from 'vitest';
import { evaluatePreconditions, parseEtagList, strongEtag } from '../conditional';
import { DOCUMENT_CACHE_CONTROL } from '../routes/documents';
import { API, fakeClock, useMockApi } from './msw-server';

const DOC = `${API}/documents/1`;

function put(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('conditional.ts', () => {
  it('parses entity-tag lists, the wildcard, and refuses what is not one', () => {
    expect(parseEtagList('"a", W/"b" ,"c"')).toEqual([
      { weak: false, opaque: 'a' },
      { weak: true, opaque: 'b' },
      { weak: false, opaque: 'c' },
    ]);
    expect(parseEtagList(' * ')).toBe('*');
    expect(parseEtagList('abc')).toBeUndefined(); // the quotes are part of the tag
    expect(parseEtagList('"a" "b"')).toBeUndefined();
  });

  it('makes one strong ETag per exact text', () => {
    expect(strongEtag('{"a":1}')).toMatch(/^"[0-9a-f]{8}"$/);
    expect(strongEtag('{"a":1}')).toBe(strongEtag('{"a":1}'));
    expect(strongEtag('{"a":1}')).not.toBe(strongEtag('{"a": 1}'));
  });

  it("evaluates in RFC 9110's order, with strong If-Match and weak If-None-Match", () => {
    const selected = { etag: '"v2"', lastModified: Date.UTC(2026, 0, 1, 12, 0, 0, 700) };
    const decide = (method: string, headers: Record<string, string>) =>
      evaluatePreconditions(new Request(DOC, { method, headers }), selected);
    expect(decide('PUT', { 'If-Match': '"v2"' })).toBe('proceed');
    expect(decide('PUT', { 'If-Match': '"v1", "v2"' })).toBe('proceed');
    expect(decide('PUT', { 'If-Match': 'W/"v2"' })).toBe('failed'); // weak never matches strongly
    expect(decide('PUT', { 'If-Match': '*' })).toBe('proceed');
    expect(decide('PUT', { 'If-Match': '"v1"' })).toBe('failed');
    expect(decide('GET', { 'If-None-Match': 'W/"v2"' })).toBe('not-modified');
    expect(decide('HEAD', { 'If-None-Match': '*' })).toBe('not-modified');
    expect(decide('PUT', { 'If-None-Match': '*' })).toBe('failed'); // "create only": it exists
    expect(decide('GET', { 'If-None-Match': '"v1"' })).toBe('proceed');
    // If-Modified-Since counts whole seconds, and only without If-None-Match.
    expect(decide('GET', { 'If-Modified-Since': 'Thu, 01 Jan 2026 12:00:00 GMT' })).toBe(
      'not-modified',
    );
    expect(decide('GET', { 'If-Modified-Since': 'Thu, 01 Jan 2026 11:59:59 GMT' })).toBe('proceed');
    expect(
      decide('GET', {
        'If-None-Match': '"v1"',
        'If-Modified-Since': 'Thu, 01 Jan 2026 12:00:00 GMT',
      }),
    ).toBe('proceed');
    expect(decide('GET', { 'If-Modified-Since': 'yesterday' })).toBe('proceed');
    // If-Unmodified-Since, only without If-Match.
    expect(decide('PUT', { 'If-Unmodified-Since': 'Thu, 01 Jan 2026 11:59:59 GMT' })).toBe(
      'failed',
    );
    expect(decide('PUT', { 'If-Unmodified-Since': 'Thu, 01 Jan 2026 12:00:00 GMT' })).toBe(
      'proceed',
    );
    expect(
      decide('PUT', { 'If-Match': '"v2"', 'If-Unmodified-Since': 'Thu, 01 Jan 2000 00:00:00 GMT' }),
    ).toBe('proceed');
  });
});

describe('/documents/{id}', () => {
  beforeEach(() => useMockApi());

  it('answers a document with a strong ETag, Last-Modified and Cache-Control', async () => {
    const response = await fetch(DOC);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(response.headers.get('ETag')).toBe(strongEtag(text));
    expect(response.headers.get('Last-Modified')).toBe('Mon, 03 Nov 2025 09:30:00 GMT');
    expect(response.headers.get('Cache-Control')).toBe(DOCUMENT_CACHE_CONTROL);
    expect(JSON.parse(text)).toMatchObject({ id: 1, title: 'Release checklist' });
    expect((await fetch(`${API}/documents/9`)).status).toBe(404);
    expect((await fetch(`${API}/documents/x`)).status).toBe(400);
  });

  it('answers 304 with no body to a matching If-None-Match or a late enough If-Modified-Since', async () => {
    const first = await fetch(DOC);
    const etag = first.headers.get('ETag')!;
    const lastModified = first.headers.get('Last-Modified')!;

    const revalidated = await fetch(DOC, { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.statusText).toBe('Not Modified');
    expect(revalidated.ok).toBe(false); // fetch's ok is 200 to 299 only
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('ETag')).toBe(etag);
    expect(revalidated.headers.get('Cache-Control')).toBe(DOCUMENT_CACHE_CONTROL);
    expect(revalidated.headers.get('Content-Type')).toBeNull();

    const byDate = await fetch(DOC, { headers: { 'If-Modified-Since': lastModified } });
    expect(byDate.status).toBe(304);
    const stale = await fetch(DOC, { headers: { 'If-None-Match': '"00000000"' } });
    expect(stale.status).toBe(200);
  });

  it('changes the ETag on a PUT that changes the document; a GET with the old one gets 200', async () => {
    const clock = fakeClock(Date.UTC(2026, 11, 6, 10, 0, 0, 250));
    useMockApi({ now: clock.now });
    const before = await fetch(DOC);
    const oldEtag = before.headers.get('ETag')!;
    const doc = await before.json();

    const written = await put(
      DOC,
      { ...doc, title: 'Release checklist (v2)' },
      { 'If-Match': oldEtag },
    );
    expect(written.status).toBe(200);
    const newEtag = written.headers.get('ETag')!;
    expect(newEtag).not.toBe(oldEtag);
    expect(written.headers.get('Last-Modified')).toBe('Sun, 06 Dec 2026 10:00:00 GMT');
    expect(await written.json()).toMatchObject({
      title: 'Release checklist (v2)',
      updated_at: '2026-12-06T10:00:00Z',
    });

    const after = await fetch(DOC, { headers: { 'If-None-Match': oldEtag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).toBe(newEtag);
    expect((await fetch(DOC, { headers: { 'If-None-Match': newEtag } })).status).toBe(304);
  });

  it('refuses a PUT with a stale If-Match with 412 and writes nothing', async () => {
    const read = await fetch(DOC);
    const etag = read.headers.get('ETag')!;
    const doc = await read.json();
    // A colleague writes first, without If-Match (the last write wins for them).
    expect((await put(DOC, { ...doc, tags: ['release', 'urgent'] })).status).toBe(200);

    const mine = await put(DOC, { ...doc, title: 'Mine' }, { 'If-Match': etag });
    expect(mine.status).toBe(412);
    expect(mine.statusText).toBe('Precondition Failed');
    expect(mine.headers.get('ETag')).toBeNull(); // re-read to get the new one, with its body
    const problem = await mine.json();
    expect(problem.type).toBe('https://api.example.com/problems/precondition-failed');
    expect(problem.detail).toContain('GET it again');
    expect(await (await fetch(DOC)).json()).toMatchObject({
      title: 'Release checklist',
      tags: ['release', 'urgent'],
    });
    // If-Unmodified-Since with a date before the change: 412 as well.
    const since = put(DOC, doc, { 'If-Unmodified-Since': 'Mon, 03 Nov 2025 09:30:00 GMT' });
    expect((await since).status).toBe(412);
  });

  it('keeps the ETag when a PUT changes nothing, so repeating it is harmless, and a stale If-Match still fails', async () => {
    const read = await fetch(DOC);
    const etag = read.headers.get('ETag')!;
    const doc = await read.json();
    const change = { ...doc, body: 'Tag, publish, tell support and sales.' };
    const first = await put(DOC, change, { 'If-Match': etag });
    const again = await put(DOC, change);
    expect(again.status).toBe(200);
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'));
    // The same conditional PUT sent twice (a retry after a lost answer): its own first write moved the ETag.
    expect((await put(DOC, change, { 'If-Match': etag })).status).toBe(412);
  });

  it('validates the body after the preconditions, and 404s before them', async () => {
    const etag = (await fetch(DOC)).headers.get('ETag')!;
    const invalid = await put(DOC, { title: '', tags: 'x' }, { 'If-Match': etag });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).errors.map((error: { field: string }) => error.field)).toEqual([
      'title',
      'body',
      'tags',
    ]);
    expect((await put(`${API}/documents/9`, {}, { 'If-Match': etag })).status).toBe(404);
    const wrongType = await fetch(DOC, { method: 'PUT', headers: { 'If-Match': etag }, body: 'x' });
    expect(wrongType.status).toBe(415);
  });

  it('answers HEAD with the validators and a 304 like GET', async () => {
    const head = await fetch(DOC, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const etag = head.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]{8}"$/);
    const conditional = await fetch(DOC, { method: 'HEAD', headers: { 'If-None-Match': etag } });
    expect(conditional.status).toBe(304);
  });

  it('keeps each run’s writes to itself', async () => {
    const doc = await (await fetch(DOC)).json();
    expect((await put(DOC, { ...doc, title: 'Written in run A' })).status).toBe(200);
    useMockApi(); // a new run (or a new check) starts from the seed again
    expect((await (await fetch(DOC)).json()).title).toBe('Release checklist');
  });
});
