/**
 * One set of handlers, two ways to reach them: every documented endpoint's example answers the same
 * through the local server (`npm run mock-api`, over real HTTP) as through the handlers the browser
 * sandbox and the Node host call in-process (the reference page's own example answers): the same
 * status, the same headers that mean something, the same body. A new endpoint is covered by
 * construction, from its documentation.
 */
import { describe, expect, it } from 'vitest';
import { endpoints } from '../endpoints';
import { exampleResponse } from '../example-response';
import { localUrlFromVirtual } from '../hosts';
import { startMockServer, type MockServer } from '../server';

/** A server of its own for each example, as the sandbox has a mock API of its own for each run. */
async function withServer<T>(work: (server: MockServer) => Promise<T>): Promise<T> {
  const server = await startMockServer({ port: 0, log: () => {} });
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

/** The server names itself in Location and Link where the handlers name a virtual host. */
const VIRTUAL_URL = /https:\/\/[a-z.]+\.com[^\s>,;"]*/g;
const inProcessUrls = (text: string) =>
  text.replaceAll(VIRTUAL_URL, (url) => localUrlFromVirtual(url, 'LOCAL'));
const localUrls = (text: string) =>
  text.replaceAll(/http:\/\/(127\.0\.0\.1|localhost):\d+/g, 'LOCAL');
/** A write stamps its own second: two writes a moment apart may differ there only. */
const untimed = (text: string) =>
  text.replaceAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'TIME');

/**
 * Bodies that describe the request itself, which HTTP over a socket fills in differently (a Host and
 * User-Agent header, a Connection header, the URL's origin), or that differ per request: compared
 * by status and headers only.
 */
const ECHOES = /^(anything|headers|echo|delay|slow-body|uuid|redirect)/;

for (const endpoint of endpoints) {
  const { method = 'GET', headers = {}, body } = endpoint.example;
  describe(`${method} ${endpoint.exampleUrl.replace(/^https:\/\//, '')}`, () => {
    it('answers the same through the local server as in the sandbox', async () => {
      const inProcess = await exampleResponse(endpoint);
      const controller = new AbortController();
      // Only an endpoint that never answered in process (/hang) needs cutting short; the rest get
      // time enough for a busy machine (a 1 s deadline failed 200 ms endpoints under load).
      const deadline = setTimeout(() => controller.abort(), inProcess.status === 0 ? 1000 : 10_000);
      const local = await withServer((server) =>
        fetch(localUrlFromVirtual(endpoint.exampleUrl, server.url), {
          method,
          headers:
            body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          redirect: 'manual',
          signal: controller.signal,
        })
          .then(async (response) => ({
            status: response.status,
            headers: [...response.headers],
            body: await response.text(),
          }))
          // A network failure (down.example.com, /unreachable) or no answer at all (/hang).
          .catch(() => ({ status: 0, headers: [] as [string, string][], body: '' }))
          .finally(() => clearTimeout(deadline)),
      );

      expect(local.status, 'status').toBe(inProcess.status);
      const shown = new Set(inProcess.headers.map(([name]) => name));
      // ETag and Last-Modified name the moment of a write; the rest must match.
      const meaningful = (list: [string, string][], urls: (text: string) => string) =>
        list
          .filter(([name]) => shown.has(name) && !/^(etag|last-modified)$/.test(name))
          .map(([name, value]) => `${name}: ${urls(value)}`);
      expect(meaningful(local.headers, localUrls), 'headers').toEqual(
        meaningful(inProcess.headers, inProcessUrls),
      );
      if (!ECHOES.test(endpoint.id)) {
        expect(untimed(local.body), 'body').toBe(untimed(inProcess.body));
      }
    });
  });
}
