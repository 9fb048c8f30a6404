import { beforeEach, describe, expect, it } from 'vitest';
import { API, fakeClock, postJson, useMockApi } from './msw-server';

describe('httpbin-style tools', () => {
  beforeEach(() => useMockApi());

  it('/status/{code} answers with that status, reason phrase and implied headers', async () => {
    for (const code of [200, 201, 404, 418, 500]) {
      const response = await fetch(`${API}/status/${code}`);
      expect(response.status).toBe(code);
      expect(response.statusText).not.toBe('');
    }
    const teapot = await fetch(`${API}/status/418`);
    expect(teapot.statusText).toBe("I'm a Teapot");
    expect(teapot.headers.get('Content-Type')).toContain('application/problem+json');
    expect((await teapot.json()).status).toBe(418);

    const limited = await fetch(`${API}/status/429`);
    expect(limited.headers.get('Retry-After')).toBe('1');
    const unauthorized = await fetch(`${API}/status/401`);
    expect(unauthorized.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    const noContent = await fetch(`${API}/status/204`);
    expect(await noContent.text()).toBe('');
  });

  it('/status/{code} refuses codes outside 100-599 with a 400 naming the parameter', async () => {
    for (const bad of ['99', '600', 'abc']) {
      const response = await fetch(`${API}/status/${bad}`);
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0].field).toBe('code');
    }
  });

  it('/delay/{seconds} answers after the delay and gives up when the client aborts', async () => {
    const started = performance.now();
    const response = await fetch(`${API}/delay/0.1`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect((await response.json()).delayed_seconds).toBe(0.1);

    const error = await fetch(`${API}/delay/5`, { signal: AbortSignal.timeout(50) }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('TimeoutError');
    expect((await fetch(`${API}/delay/61`)).status).toBe(400);
  });

  it('/slow-body/{seconds} sends the headers at once and the JSON body over the delay', async () => {
    const started = performance.now();
    const response = await fetch(`${API}/slow-body/1`);
    // Generous margins: a busy machine delays timers, never brings them forward.
    expect(performance.now() - started).toBeLessThan(500);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('application/json');
    const pieces: number[] = [];
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      pieces.push(performance.now() - started);
      text += decoder.decode(read.value, { stream: true });
    }
    expect(pieces.length).toBe(10);
    expect(pieces[0]).toBeLessThan(500);
    expect(pieces.at(-1)).toBeGreaterThanOrEqual(990);
    expect(JSON.parse(text)).toMatchObject({ slow_body_seconds: 1, pieces: 10 });
    expect((await fetch(`${API}/slow-body/61`)).status).toBe(400);
  });

  it('/slow-body/{seconds}: a deadline that covers the body ends the read mid-body', async () => {
    const signal = AbortSignal.timeout(150);
    const response = await fetch(`${API}/slow-body/5`, { signal });
    expect(response.status).toBe(200);
    const error = await response.json().catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
  });

  it('/hang never answers: only the client deadline ends it', async () => {
    const error = await fetch(`${API}/hang`, { signal: AbortSignal.timeout(50) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
  });

  it('/flaky?fail=N fails the first N calls of a run with 503 + Retry-After, then succeeds', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${API}/flaky?fail=2`);
      statuses.push(response.status);
      if (response.status === 503) expect(response.headers.get('Retry-After')).toBe('1');
    }
    expect(statuses).toEqual([503, 503, 200, 200]);

    useMockApi(); // a new run counts from zero again
    expect((await fetch(`${API}/flaky?fail=1`)).status).toBe(503);
    await expect(fetch(`${API}/flaky?fail=2&mode=network`)).rejects.toThrow(TypeError);
    expect((await fetch(`${API}/flaky?fail=2&mode=network`)).status).toBe(200);
  });

  it('/headers and /anything echo what the client sent', async () => {
    const headers = await (await fetch(`${API}/headers`, { headers: { 'X-Trace': 'abc' } })).json();
    expect(headers.headers['x-trace']).toBe('abc');

    const echo = await (
      await postJson(`${API}/anything/deep/path?tag=a&tag=b&page=2`, { name: 'Alice' })
    ).json();
    expect(echo).toMatchObject({
      method: 'POST',
      path: '/anything/deep/path',
      query: { tag: ['a', 'b'], page: '2' },
      json: { name: 'Alice' },
      data: '{"name":"Alice"}',
    });
    expect(echo.headers['content-type']).toBe('application/json');
    expect((await (await fetch(`${API}/anything`, { method: 'DELETE' })).json()).method).toBe(
      'DELETE',
    );
  });

  it('/broken-json claims JSON and sends a truncated body', async () => {
    const response = await fetch(`${API}/broken-json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('/html-error/{code} answers an HTML page with that status, which response.json() cannot parse', async () => {
    const response = await fetch(`${API}/html-error/502`);
    expect(response.status).toBe(502);
    expect(response.statusText).toBe('Bad Gateway');
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await response.clone().text()).toContain('<title>502 Bad Gateway</title>');
    await expect(response.json()).rejects.toThrow(SyntaxError);

    for (const bad of ['200', '600', 'abc']) {
      const refused = await fetch(`${API}/html-error/${bad}`);
      expect(refused.status).toBe(400);
      expect((await refused.json()).errors[0].field).toBe('code');
    }
  });

  it('/unreachable and down.example.com are network failures', async () => {
    await expect(fetch(`${API}/unreachable`)).rejects.toThrow(TypeError);
    await expect(fetch('https://down.example.com/anything')).rejects.toThrow(TypeError);
    await expect(fetch('https://down.example.com/')).rejects.toThrow(TypeError);
  });
});

describe('/limited', () => {
  it('allows 5 per window, then 429 with Retry-After; waiting that long and retrying succeeds', async () => {
    const clock = fakeClock();
    useMockApi({ now: clock.now });
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${API}/limited`);
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('X-RateLimit-Remaining')!);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    clock.advance(3_000);
    const refused = await fetch(`${API}/limited`);
    expect(refused.status).toBe(429);
    expect(refused.statusText).toBe('Too Many Requests');
    expect(refused.headers.get('Content-Type')).toContain('application/problem+json');
    expect(refused.headers.get('X-RateLimit-Limit')).toBe('5');
    expect(refused.headers.get('X-RateLimit-Remaining')).toBe('0');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBe(7);
    expect((await refused.json()).detail).toContain('Retry-After');

    clock.advance(retryAfter * 1000 - 1000);
    expect((await fetch(`${API}/limited`)).status).toBe(429); // one second early is still too early
    clock.advance(1000);
    const retried = await fetch(`${API}/limited`);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('X-RateLimit-Remaining')).toBe('4');
  });
});

describe('unknown paths and methods', () => {
  beforeEach(() => useMockApi());

  it('an unknown path is a 404 problem, a wrong method a 405 with Allow', async () => {
    const missing = await fetch(`${API}/nope`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toContain('/nope');

    const wrongMethod = await fetch(`${API}/broken-json`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.statusText).toBe('Method Not Allowed');
    expect(wrongMethod.headers.get('Allow')).toBe('GET');
  });

  it('HEAD answers like GET without a body', async () => {
    const response = await fetch(`${API}/users/42`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(await response.text()).toBe('');
  });
});
