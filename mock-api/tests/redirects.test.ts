import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_REDIRECT_HOPS, REDIRECT_STATUSES } from '../routes/redirects';
import { API, GITHUB, useMockApi } from './msw-server';

/** The redirect itself, not where it leads: msw/node's fetch follows redirects unless told not to. */
function raw(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual' });
}

describe('/redirect-to', () => {
  beforeEach(() => useMockApi());

  it('answers every redirect status with Location: url, its reason phrase and a JSON body', async () => {
    const reasons: Record<number, string> = {
      301: 'Moved Permanently',
      302: 'Found',
      303: 'See Other',
      307: 'Temporary Redirect',
      308: 'Permanent Redirect',
    };
    for (const status of REDIRECT_STATUSES) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const response = await raw(`${API}/redirect-to?url=/anything&status_code=${status}`, {
          method,
        });
        expect([response.status, response.statusText], `${method} ${status}`).toEqual([
          status,
          reasons[status],
        ]);
        expect(response.headers.get('Location')).toBe('/anything');
        expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
        expect(await response.json()).toEqual({
          status,
          statusText: reasons[status],
          location: '/anything',
        });
      }
    }
  });

  it('defaults to 302 and passes an absolute URL on as-is, another mock host included', async () => {
    const response = await raw(`${API}/redirect-to?url=${GITHUB}/repos/python/cpython`);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`${GITHUB}/repos/python/cpython`);
    const elsewhere = await raw(`${API}/redirect-to?url=http://example.org/x?y=1`);
    expect(elsewhere.headers.get('Location')).toBe('http://example.org/x?y=1');
  });

  it('refuses a missing or non-http(s) url and a status that is not a redirect, with 400', async () => {
    for (const query of [
      '',
      'url=',
      'url=javascript:alert(1)',
      'url=data:text/plain,hi',
      'url=//elsewhere.example/x',
      'url=anything',
    ]) {
      const response = await raw(`${API}/redirect-to?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).errors[0].field, query).toBe('url');
    }
    for (const code of ['300', '304', '200', '3O2', '302.0']) {
      const response = await raw(`${API}/redirect-to?url=/anything&status_code=${code}`);
      expect(response.status, code).toBe(400);
      expect((await response.json()).errors[0].field, code).toBe('status_code');
    }
  });

  it('answers HEAD with the headers only', async () => {
    const response = await raw(`${API}/redirect-to?url=/users/1`, { method: 'HEAD' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/users/1');
    expect(await response.text()).toBe('');
  });

  it('followed by fetch: 303 turns a POST into a GET without its body, 307 keeps both', async () => {
    const post = (status: number) =>
      fetch(`${API}/redirect-to?url=/anything&status_code=${status}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"Ada"}',
      });
    const seeOther = await post(303);
    expect(seeOther.redirected).toBe(true);
    expect(seeOther.url).toBe(`${API}/anything`);
    const echoed = await seeOther.json();
    expect([echoed.method, echoed.data, echoed.headers['content-type']]).toEqual([
      'GET',
      '',
      undefined,
    ]);
    const kept = await (await post(307)).json();
    expect([kept.method, kept.json]).toEqual(['POST', { name: 'Ada' }]);
  });

  it('the run’s scenario applies to every hop, the redirect included', async () => {
    useMockApi({ scenario: 'not-found' });
    expect((await raw(`${API}/redirect-to?url=/anything`)).status).toBe(404);
    useMockApi({ scenario: 'offline' });
    await expect(raw(`${API}/redirect-to?url=/anything`)).rejects.toThrow(TypeError);
  });
});

describe('/redirect/{n}', () => {
  beforeEach(() => useMockApi());

  it('redirects n times with relative Locations, keeping the query, then /anything echoes', async () => {
    const hops: string[] = [];
    let url = `${API}/redirect/3?status_code=307`;
    for (;;) {
      const response = await raw(url, { method: 'POST', body: 'x' });
      if (response.status !== 307) {
        const echo = await response.json();
        expect([echo.method, echo.data, echo.path]).toEqual(['POST', 'x', '/anything']);
        break;
      }
      const location = response.headers.get('Location')!;
      hops.push(location);
      url = new URL(location, url).href;
    }
    expect(hops).toEqual([
      '/redirect/2?status_code=307',
      '/redirect/1?status_code=307',
      '/anything?status_code=307',
    ]);
  });

  it('fetch follows 20 hops and fails on the 21st', async () => {
    const twenty = await fetch(`${API}/redirect/20`);
    expect([twenty.status, twenty.redirected, twenty.url]).toEqual([200, true, `${API}/anything`]);
    await expect(fetch(`${API}/redirect/21`)).rejects.toThrow(TypeError);
  });

  it(`refuses n outside 1 to ${MAX_REDIRECT_HOPS} and a status that is not a redirect`, async () => {
    for (const n of ['0', String(MAX_REDIRECT_HOPS + 1), 'x', '1.5', '-1']) {
      const response = await raw(`${API}/redirect/${n}`);
      expect(response.status, n).toBe(400);
      expect((await response.json()).errors[0].field, n).toBe('n');
    }
    const wrong = await raw(`${API}/redirect/2?status_code=200`);
    expect((await wrong.json()).errors[0].field).toBe('status_code');
  });
});
