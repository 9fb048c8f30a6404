/**
 * Redirects in the sandbox's fetch: followed by the Fetch standard's rules (each checked against
 * Chromium 156 and Node 24's fetch), one Network row per hop, and never out of the mock API.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../mock-api/index.ts';
import type { NetworkEvent } from './protocol.ts';
import { sandboxFetchFor } from './sandbox-fetch-harness.ts';

const API = 'https://api.example.com';
const GITHUB = 'https://api.github.com';

function sandbox(extra: RequestHandler[] = []) {
  const { fetch, events, explanations, pending } = sandboxFetchFor([
    ...extra,
    ...createMockApi().handlers,
  ]);
  const rows = () => {
    const byId = new Map<
      number,
      { id: number; url: string; method: string; headers: [string, string][]; end?: NetworkEvent }
    >();
    for (const event of events) {
      if (event.kind === 'request') byId.set(event.id, { ...event });
      else byId.get(event.id)!.end = event;
    }
    return [...byId.values()];
  };
  return { fetch, events, explanations, rows, pending };
}

/** A handler that redirects every request to `location` with `status`. */
function redirectsTo(url: string, location: string, status = 302): RequestHandler {
  return http.all(url, () => new HttpResponse(null, { status, headers: { Location: location } }));
}

interface Echo {
  method: string;
  data: string;
  headers: Record<string, string>;
}

describe('fetch follows redirects as the Fetch standard says', () => {
  it('301/302 turn a POST into a GET, 303 anything but GET/HEAD; 307/308 keep method and body', async () => {
    const { fetch } = sandbox();
    const seen: string[] = [];
    for (const method of ['POST', 'PUT', 'DELETE']) {
      for (const status of [301, 302, 303, 307, 308]) {
        const response = await fetch(`${API}/redirect-to?url=/anything&status_code=${status}`, {
          method,
          headers: { 'Content-Type': 'application/json', 'Content-Language': 'en' },
          body: '{"a":1}',
        });
        const echo = (await response.json()) as Echo;
        seen.push(
          `${method} ${status} → ${echo.method} ${echo.data || '-'} ${echo.headers['content-type'] ?? '-'} ${echo.headers['content-language'] ?? '-'}`,
        );
      }
    }
    expect(seen).toEqual([
      'POST 301 → GET - - -',
      'POST 302 → GET - - -',
      'POST 303 → GET - - -',
      'POST 307 → POST {"a":1} application/json en',
      'POST 308 → POST {"a":1} application/json en',
      'PUT 301 → PUT {"a":1} application/json en',
      'PUT 302 → PUT {"a":1} application/json en',
      'PUT 303 → GET - - -',
      'PUT 307 → PUT {"a":1} application/json en',
      'PUT 308 → PUT {"a":1} application/json en',
      'DELETE 301 → DELETE {"a":1} application/json en',
      'DELETE 302 → DELETE {"a":1} application/json en',
      'DELETE 303 → GET - - -',
      'DELETE 307 → DELETE {"a":1} application/json en',
      'DELETE 308 → DELETE {"a":1} application/json en',
    ]);
    const head = await fetch(`${API}/redirect-to?url=/anything&status_code=303`, {
      method: 'HEAD',
    });
    expect([head.status, head.url]).toEqual([200, `${API}/anything`]);
  });

  it('logs every hop as a Network row: the 3xx with its Location, then the next request', async () => {
    const { fetch, rows, pending } = sandbox();
    const response = await fetch(`${API}/redirect/3`);
    expect([response.status, response.redirected, response.url]).toEqual([
      200,
      true,
      `${API}/anything`,
    ]);
    const logged = rows();
    expect(
      logged.map((row) => [row.id, row.url, row.end?.kind === 'response' && row.end.status]),
    ).toEqual([
      [1, `${API}/redirect/3`, 302],
      [2, `${API}/redirect/2`, 302],
      [3, `${API}/redirect/1`, 302],
      [4, `${API}/anything`, 200],
    ]);
    const first = logged[0]!.end!;
    expect(first.kind === 'response' && first.headers).toContainEqual(['location', '/redirect/2']);
    expect(first.kind === 'response' && first.body?.text).toContain('"location": "/redirect/2"');
    expect(pending()).toBe(0);
    // The next call's rows count on from there.
    await fetch(`${API}/users/1`);
    expect(rows().at(-1)!.id).toBe(5);
  });

  it('drops Authorization (and Cookie, Proxy-Authorization) when the origin changes, never other headers', async () => {
    const { fetch, rows } = sandbox();
    const headers = {
      Authorization: 'Bearer demo-abc123',
      'Proxy-Authorization': 'Basic eA==',
      Cookie: 'session=1',
      'X-Api-Key': 'demo-key',
    };
    const sameOrigin = await fetch(`${API}/redirect-to?url=/headers`, { headers });
    const echoed = ((await sameOrigin.json()) as Echo).headers;
    expect(echoed.authorization).toBe('Bearer demo-abc123');

    const crossOrigin = await fetch(
      `${API}/redirect-to?url=${GITHUB}/repos/python/cpython&status_code=307`,
      { headers },
    );
    expect([crossOrigin.status, crossOrigin.url]).toEqual([200, `${GITHUB}/repos/python/cpython`]);
    const hop = rows().at(-1)!;
    const names = hop.headers.map(([name]) => name);
    expect(names).not.toContain('authorization');
    expect(names).not.toContain('proxy-authorization');
    expect(names).not.toContain('cookie');
    expect(hop.headers).toContainEqual(['x-api-key', 'demo-key']);
  });

  it('once dropped, Authorization stays dropped, even when the chain comes back to the first origin', async () => {
    const { fetch } = sandbox([redirectsTo(`${GITHUB}/bounce`, `${API}/headers`)]);
    const response = await fetch(`${API}/redirect-to?url=${GITHUB}/bounce`, {
      headers: { Authorization: 'Bearer demo-abc123' },
    });
    expect(response.url).toBe(`${API}/headers`);
    expect(((await response.json()) as Echo).headers.authorization).toBeUndefined();
  });

  it("redirect: 'manual' hands the 3xx over, readable, as Node's fetch does; a platform Response", async () => {
    const { fetch, rows } = sandbox();
    const response = await fetch(`${API}/redirect-to?url=/anything&status_code=307`, {
      redirect: 'manual',
    });
    expect([response.status, response.headers.get('Location'), response.redirected]).toEqual([
      307,
      '/anything',
      false,
    ]);
    expect(response.url).toBe(`${API}/redirect-to?url=/anything&status_code=307`);
    expect(Object.getPrototypeOf(response)).toBe(Response.prototype);
    expect(rows()).toHaveLength(1);
  });

  it("redirect: 'error' rejects with a TypeError, and the row says why", async () => {
    const { fetch, rows } = sandbox();
    await expect(fetch(`${API}/redirect-to?url=/anything`, { redirect: 'error' })).rejects.toThrow(
      new TypeError('Failed to fetch'),
    );
    const [row] = rows();
    expect(row!.end).toMatchObject({ kind: 'failed', blocked: false });
    expect(row!.end?.kind === 'failed' && row!.end.reason).toContain("redirect: 'error'");
    // Any redirect status, even without a Location (as Node's fetch: 'unexpected redirect');
    // 'follow' and 'manual' hand such a 3xx over as it is.
    await expect(fetch(`${API}/status/302`, { redirect: 'error' })).rejects.toThrow(
      'Failed to fetch',
    );
    for (const redirect of ['follow', 'manual'] as const) {
      const answered = await fetch(`${API}/status/302`, { redirect });
      expect([answered.status, answered.redirected]).toEqual([302, false]);
    }
  });

  it('follows 20 redirects and fails on the 21st, with 21 rows and nothing left open', async () => {
    const { fetch, rows, pending } = sandbox();
    expect((await fetch(`${API}/redirect/20`)).status).toBe(200);
    expect(rows()).toHaveLength(21);
    const before = rows().length;
    await expect(fetch(`${API}/redirect/21`)).rejects.toThrow('Failed to fetch');
    const chain = rows().slice(before);
    expect(chain).toHaveLength(21);
    expect(chain.at(-1)!.end?.kind === 'failed' && chain.at(-1)!.end).toMatchObject({
      reason: expect.stringContaining('Too many redirects'),
    });
    expect(pending()).toBe(0);
  });

  it('a Location without a fragment keeps the request’s; response.url never has one', async () => {
    const { fetch, rows } = sandbox();
    const response = await fetch(`${API}/redirect/1#top`);
    expect(response.url).toBe(`${API}/anything`);
    expect(rows().at(-1)!.url).toBe(`${API}/anything#top`);
    expect((await fetch(`${API}/users/1#x`)).url).toBe(`${API}/users/1`);
  });

  it('an abort during a later hop rejects with its reason and ends that hop’s row', async () => {
    const { fetch, rows, pending } = sandbox();
    const error = await fetch(`${API}/redirect-to?url=/hang`, {
      signal: AbortSignal.timeout(50),
    }).catch((thrown: unknown) => thrown);
    expect((error as DOMException).name).toBe('TimeoutError');
    const [redirect, hang] = rows();
    expect(redirect!.end).toMatchObject({ kind: 'response', status: 302 });
    expect(hang!.end).toMatchObject({ kind: 'aborted', reason: 'TimeoutError' });
    expect(pending()).toBe(0);
  });
});

describe('hostile redirects: nothing leaves the mock API', () => {
  it('a redirect to another origin is refused like any request there, and the Console says so', async () => {
    for (const target of [
      'https://example.org/steal',
      'http://api.example.com/users/1',
      'https://127.0.0.1:4321/',
    ]) {
      const { fetch, rows, explanations } = sandbox();
      await expect(
        fetch(`${API}/redirect-to?url=${encodeURIComponent(target)}`, {
          headers: { Authorization: 'Bearer demo-abc123' },
        }),
      ).rejects.toThrow(new TypeError('Failed to fetch'));
      const refused = rows().at(-1)!;
      expect(refused.url).toBe(new URL(target).href);
      expect(refused.end).toMatchObject({ kind: 'failed', blocked: true });
      expect(explanations[0]).toContain(`The redirect from ${API}/redirect-to`);
      expect(explanations[0]).toContain("examples can only reach the course's mock API");
    }
  });

  it('refuses a Location that is not http(s), carries credentials or is not a URL', async () => {
    const { fetch, rows } = sandbox([
      redirectsTo(`${API}/to-js`, 'javascript:alert(1)'),
      redirectsTo(`${API}/to-data`, 'data:text/plain,hi'),
      redirectsTo(`${API}/to-blob`, 'blob:https://api.example.com/x'),
      redirectsTo(`${API}/to-credentials`, 'https://user:secret@api.example.com/headers'),
      redirectsTo(`${API}/to-nowhere`, 'https://exa mple.com:99999/'),
    ]);
    for (const path of ['/to-js', '/to-data', '/to-blob', '/to-credentials', '/to-nowhere']) {
      await expect(fetch(`${API}${path}`), path).rejects.toThrow('Failed to fetch');
      expect(rows().at(-1)!.end, path).toMatchObject({ kind: 'failed', blocked: false });
    }
    // No request was made past any of them: one row each.
    expect(rows()).toHaveLength(5);
  });

  it('an endless redirect loop ends after 20 hops instead of hanging', async () => {
    const { fetch, rows, pending } = sandbox([redirectsTo(`${API}/loop`, '/loop', 307)]);
    await expect(fetch(`${API}/loop`, { method: 'POST', body: 'x'.repeat(1000) })).rejects.toThrow(
      'Failed to fetch',
    );
    expect(rows()).toHaveLength(21);
    expect(pending()).toBe(0);
  });

  it('a stream body cannot be sent again (307, and 301 even for a POST), but a 303 turns it into a GET', async () => {
    const { fetch } = sandbox();
    const body = () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{}'));
          controller.close();
        },
      });
    await expect(
      fetch(`${API}/redirect-to?url=/anything&status_code=307`, {
        method: 'POST',
        body: body(),
        duplex: 'half',
      } as RequestInit),
    ).rejects.toThrow('Failed to fetch');
    await expect(
      fetch(`${API}/redirect-to?url=/anything&status_code=301`, {
        method: 'POST',
        body: body(),
        duplex: 'half',
      } as RequestInit),
    ).rejects.toThrow('Failed to fetch');
    const seeOther = await fetch(`${API}/redirect-to?url=/anything&status_code=303`, {
      method: 'POST',
      body: body(),
      duplex: 'half',
    } as RequestInit);
    expect(((await seeOther.json()) as Echo).method).toBe('GET');
  });

  it('hands over its own Response after a redirect, never msw’s object', async () => {
    const { fetch } = sandbox();
    for (const init of [{}, { redirect: 'manual' as const }]) {
      const response = await fetch(`${API}/redirect/1`, init);
      expect(Object.getPrototypeOf(response)).toBe(Response.prototype);
    }
  });
});
