/**
 * The local server answers every redirect exactly as the browser sandbox's mock does (the same
 * handlers, through msw's getResponse, as src/runner/sandbox-fetch.ts calls them), its Locations
 * rewritten to point back at the server, and a redirect to another of the mock's hosts stays
 * cross-origin for a client of the server.
 */
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_HOST, createMockApi, virtualUrlFromLocalPath } from '../index';
import { localOriginFor } from '../hosts';
import { startMockServer, type MockServer } from '../server';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, quiet: true });
});
afterAll(() => server.close());

interface Answer {
  status: number;
  statusText: string;
  location: string | null;
  body: string;
}

/** What the browser sandbox's mock answers (a fresh mock, as every run gets). */
async function fromBrowserMock(method: string, path: string): Promise<Answer> {
  const request = new Request(`${API_HOST}${path}`, { method });
  const response = (await getResponse(createMockApi().handlers, request))!;
  return {
    status: response.status,
    statusText: response.statusText,
    location: response.headers.get('location'),
    body: await response.text(),
  };
}

/** What the local server answers, its Location turned back into the virtual URL it stands for. */
async function fromLocalServer(method: string, path: string): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, { method, redirect: 'manual' });
  const raw = response.headers.get('location');
  let location = raw;
  if (raw && /^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(raw)) {
    const local = new URL(raw);
    location = virtualUrlFromLocalPath(local.pathname + local.search);
  }
  return {
    status: response.status,
    statusText: response.statusText,
    location,
    body: await response.text(),
  };
}

describe('redirects: the local server answers as the browser mock does', () => {
  const cases: [string, string][] = [
    ['GET', '/redirect-to?url=/anything'],
    ['POST', '/redirect-to?url=/anything&status_code=301'],
    ['POST', '/redirect-to?url=/anything&status_code=303'],
    ['PUT', '/redirect-to?url=/users/42&status_code=307'],
    ['DELETE', '/redirect-to?url=/users/42&status_code=308'],
    ['GET', '/redirect-to?url=https://api.github.com/repos/python/cpython&status_code=308'],
    ['GET', '/redirect-to?url=https://api.example.com/headers'],
    ['GET', '/redirect-to?url=https://example.org/elsewhere'],
    ['GET', '/redirect-to?url=ftp://example.org/x'],
    ['GET', '/redirect/3?status_code=307'],
    ['GET', '/redirect/1'],
    ['GET', '/redirect/51'],
  ];
  for (const [method, path] of cases) {
    it(`${method} ${path}`, async () => {
      const browser = await fromBrowserMock(method, path);
      const local = await fromLocalServer(method, path);
      // The body names the Location as the handler wrote it; the header is the one rewritten.
      expect(local).toEqual(browser);
    });
  }
});

describe('redirects over the local server', () => {
  it('a Location on another mock host names the server by its other loopback name', async () => {
    const port = server.port;
    const response = await fetch(
      `${server.url}/redirect-to?url=https://api.github.com/repos/python/cpython`,
      { redirect: 'manual' },
    );
    expect(response.headers.get('location')).toBe(
      `http://localhost:${port}/github/repos/python/cpython`,
    );
    // Same host: the same name. Not a mock host: left alone.
    expect(localOriginFor(`${API_HOST}/anything`, API_HOST, `127.0.0.1:${port}`)).toBe(server.url);
    expect(localOriginFor('https://example.org/', API_HOST, `127.0.0.1:${port}`)).toBe(server.url);
    expect(localOriginFor('https://api.github.com/x', API_HOST, `localhost:${port}`)).toBe(
      `http://127.0.0.1:${port}`,
    );
    // A name that is not a loopback one stays: the client is then on its own.
    expect(localOriginFor('https://api.github.com/x', API_HOST, 'mock.test:80')).toBe(
      'http://mock.test:80',
    );

    // Followed, it arrives; fetch drops Authorization on the host change, as between the real hosts.
    const followed = await fetch(
      `${server.url}/redirect-to?url=https://api.github.com/repos/python/cpython`,
      { headers: { Authorization: 'Bearer demo-abc123' } },
    );
    expect([followed.status, followed.url]).toEqual([
      200,
      `http://localhost:${port}/github/repos/python/cpython`,
    ]);
    const echoed = await fetch(
      `${server.url}/redirect-to?url=${encodeURIComponent(`http://localhost:${port}/headers`)}`,
      { headers: { Authorization: 'Bearer demo-abc123' } },
    );
    expect((await echoed.json()).headers.authorization).toBeUndefined();
    const sameHost = await fetch(`${server.url}/redirect-to?url=/headers`, {
      headers: { Authorization: 'Bearer demo-abc123' },
    });
    expect((await sameHost.json()).headers.authorization).toBe('Bearer demo-abc123');
  });
});
