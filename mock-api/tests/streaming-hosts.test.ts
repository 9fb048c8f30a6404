/**
 * The streaming endpoints answer the same through the handlers the browser sandbox calls (msw's
 * `getResponse`, as src/runner/sandbox-fetch.ts does) and over real HTTP from the local server:
 * the same status and headers, the same bytes, and the same ending (complete, cut, or stalled until
 * the client's deadline).
 */
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi } from '../create-mock-api';
import { API_HOST } from '../hosts';
import { startMockServer, type MockServer } from '../server';
import { STREAMED_BODY_HEADER } from '../timed-stream';

interface Seen {
  status: number;
  contentType: string | null;
  contentLength: string | null;
  body: string;
  /** How the body ended: 'complete', 'failed' (a cut connection) or the abort's name. */
  ending: string;
}

async function read(response: Response, headersShown: (name: string) => string | null) {
  const decoder = new TextDecoder();
  let body = '';
  let ending = 'complete';
  try {
    for await (const piece of response.body!) body += decoder.decode(piece, { stream: true });
  } catch (error) {
    ending = error instanceof DOMException ? error.name : 'failed';
  }
  return {
    status: response.status,
    contentType: headersShown('content-type'),
    contentLength: headersShown('content-length'),
    body,
    ending,
  } satisfies Seen;
}

/** Through the handlers, as the sandbox does; the hosts-only header is dropped, as the sandbox drops it. */
async function viaHandlers(path: string, headers: Record<string, string>, timeoutMs: number) {
  const signal = AbortSignal.timeout(timeoutMs);
  const request = new Request(`${API_HOST}${path}`, { headers, signal });
  const response = (await getResponse(createMockApi().handlers, request))!;
  // A body read under the request's signal, as fetch's is.
  const body = response.body!;
  const guarded = new ReadableStream<Uint8Array>({
    async start(controller) {
      const reader = body.getReader();
      const onAbort = () => {
        controller.error(signal.reason);
        reader.cancel(signal.reason).catch(() => {});
      };
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          controller.enqueue(value);
        }
        controller.close();
      } catch (error) {
        if (!signal.aborted) controller.error(new TypeError('terminated', { cause: error }));
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
  });
  return read(new Response(guarded, response), (name) =>
    name === STREAMED_BODY_HEADER ? null : response.headers.get(name),
  );
}

async function viaServer(
  server: MockServer,
  path: string,
  headers: Record<string, string>,
  timeoutMs: number,
) {
  const response = await fetch(`${server.url}${path}`, {
    headers,
    signal: AbortSignal.timeout(timeoutMs),
  });
  expect(response.headers.has(STREAMED_BODY_HEADER)).toBe(false);
  return read(response, (name) => response.headers.get(name));
}

const CASES: { path: string; headers?: Record<string, string>; ending: string }[] = [
  { path: '/stream/4?interval=0.02', ending: 'complete' },
  { path: '/stream/3?interval=0&pad=20', ending: 'complete' },
  { path: '/stream/5?interval=0.02&cut_after=2', ending: 'failed' },
  { path: '/stream/5?interval=0.02&stall_after=2', ending: 'TimeoutError' },
  { path: '/sse?count=3&interval=0.02', ending: 'complete' },
  { path: '/sse?count=4&interval=0.02', headers: { 'Last-Event-ID': '2' }, ending: 'complete' },
  { path: '/sse?count=4&interval=0.02&cut_after=1', ending: 'failed' },
  { path: '/drip?numbytes=3000&duration=0.1&pieces=3', ending: 'complete' },
  { path: '/drip?numbytes=300&duration=0.05&chunked=true', ending: 'complete' },
  { path: '/drip?numbytes=300&duration=0.05&pieces=3&cut_after=150', ending: 'failed' },
  { path: '/drip?numbytes=300&duration=0.05&pieces=3&stall_after=100', ending: 'TimeoutError' },
];

describe('the streaming endpoints: the local server answers as the sandbox handlers do', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, quiet: true });
  });
  afterAll(() => server.close());

  for (const { path, headers = {}, ending } of CASES) {
    it(`${path}${headers['Last-Event-ID'] ? ' (Last-Event-ID)' : ''}: ${ending}`, async () => {
      // Long enough for every piece before the stall to arrive, even on a busy machine.
      const timeoutMs = ending === 'TimeoutError' ? 1_000 : 10_000;
      const [handlers, wire] = await Promise.all([
        viaHandlers(path, headers, timeoutMs),
        viaServer(server, path, headers, timeoutMs),
      ]);
      expect(handlers.ending).toBe(ending);
      expect(wire).toEqual(handlers);
    });
  }

  it('lets go of every stalled or cut request', async () => {
    await expect.poll(() => server.activeRequests()).toBe(0);
  });
});
