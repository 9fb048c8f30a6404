import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi } from '../create-mock-api';
import { API_HOST } from '../hosts';
import { startMockServer, type MockServer } from '../server';

// No msw/node here: the local server's side must go over real HTTP.
const API = API_HOST;

/**
 * The same exchanges, in order, against the handlers as the browser sandbox calls them (msw's
 * getResponse over a fresh createMockApi) and against the local server over real HTTP.
 */
describe('the local server answers conditional requests as the browser mock does', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, quiet: true });
  });
  afterAll(() => server.close());

  type Step = { method?: string; path: string; headers?: Record<string, string>; body?: unknown };
  /** Later steps may name the ETag an earlier step got, as {etag:N}. */
  const script: Step[] = [
    { path: '/documents/2' },
    { path: '/documents/2', headers: { 'If-None-Match': '{etag:0}' } },
    { path: '/documents/2', headers: { 'If-Modified-Since': 'Mon, 17 Nov 2025 14:05:00 GMT' } },
    { method: 'HEAD', path: '/documents/2', headers: { 'If-None-Match': '{etag:0}' } },
    {
      method: 'PUT',
      path: '/documents/2',
      headers: { 'If-Match': '{etag:0}' },
      body: { title: 'On-call handbook', body: 'Page the secondary after 10 minutes.', tags: [] },
    },
    {
      method: 'PUT',
      path: '/documents/2',
      headers: { 'If-Match': '{etag:0}' },
      body: { title: 'Stale', body: 'x' },
    },
    { path: '/documents/2', headers: { 'If-None-Match': '{etag:0}' } },
    { path: '/documents/2', headers: { 'If-None-Match': '{etag:4}' } },
  ];

  interface Seen {
    status: number;
    etag: string | null;
    cacheControl: string | null;
    body: string;
  }

  async function play(send: (step: Step) => Promise<Response>): Promise<Seen[]> {
    const seen: Seen[] = [];
    for (const step of script) {
      const headers = Object.fromEntries(
        Object.entries(step.headers ?? {}).map(([name, value]) => [
          name,
          value.replace(/\{etag:(\d+)\}/, (_, index: string) => seen[Number(index)]!.etag ?? ''),
        ]),
      );
      const response = await send({ ...step, headers });
      seen.push({
        status: response.status,
        etag: response.headers.get('ETag'),
        cacheControl: response.headers.get('Cache-Control'),
        body: (await response.text()).replace(/"updated_at": "[^"]+"/, '"updated_at": …'),
      });
    }
    return seen;
  }

  const init = (step: Step): RequestInit => ({
    method: step.method ?? 'GET',
    headers:
      step.body === undefined
        ? step.headers
        : { 'Content-Type': 'application/json', ...step.headers },
    body: step.body === undefined ? undefined : JSON.stringify(step.body),
  });

  it('gives the same statuses, ETags, Cache-Control and bodies, step by step', async () => {
    // Both clocks are the wall clock here; the ETag after the PUT includes updated_at, so the two
    // sides agree whenever they write within the same second (compared below without it).
    const { handlers } = createMockApi();
    const sandbox = await play(async (step) => {
      const response = await getResponse(handlers, new Request(`${API}${step.path}`, init(step)));
      return step.method === 'HEAD' ? new Response(null, response) : response!;
    });
    const local = await play((step) => fetch(`${server.url}${step.path}`, init(step)));

    expect(local.map((seen) => seen.status)).toEqual([200, 304, 304, 304, 200, 412, 200, 304]);
    const withoutWrittenEtags = (list: Seen[]) =>
      list.map((seen, index) =>
        index >= 4 && seen.status !== 412 ? { ...seen, etag: '…' } : seen,
      );
    expect(withoutWrittenEtags(local)).toEqual(withoutWrittenEtags(sandbox));
    expect(local[4]!.etag).toBe(local[7]!.etag);
    expect(sandbox[4]!.etag).toBe(sandbox[7]!.etag);
  });

  it('sends no Content-Length on a 304 or a 204 (RFC 9110 §8.6)', async () => {
    const etag = (await fetch(`${server.url}/documents/3`)).headers.get('ETag')!;
    const response = await fetch(`${server.url}/documents/3`, {
      headers: { 'If-None-Match': etag },
    });
    expect(response.status).toBe(304);
    expect(response.headers.get('Content-Length')).toBeNull();
    const noContent = await fetch(`${server.url}/status/204`);
    expect(noContent.status).toBe(204);
    expect(noContent.headers.get('Content-Length')).toBeNull();
  });
});
