import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../mock-api/index.ts';
import { MOCK_ORIGINS } from './sandbox-fetch.ts';
import { sandboxFetchFor } from './sandbox-fetch-harness.ts';

function sandbox(scenario: Parameters<typeof createMockApi>[0] = {}) {
  return sandboxFetchFor(createMockApi(scenario).handlers);
}

describe('sandbox fetch', () => {
  it('answers from the mock API with a URL on the response and network events', async () => {
    const { fetch, events, pending, reads } = sandbox();
    const response = await fetch('https://api.github.com/repos/python/cpython');
    expect(response.status).toBe(200);
    expect(response.url).toBe('https://api.github.com/repos/python/cpython');
    const data = (await response.json()) as { stargazers_count: number };
    expect(typeof data.stargazers_count).toBe('number');
    expect(events.map((event) => event.kind)).toEqual(['request', 'response']);
    const answered = events[1]!;
    expect(answered.kind === 'response' && answered.body?.text).toContain('stargazers_count');
    expect(pending()).toBe(0);
    expect(reads()).toBe(1);
  });

  it('fails requests outside the mock API like a network failure, and says why', async () => {
    const { fetch, events, explanations } = sandbox();
    await expect(fetch('https://example.org/')).rejects.toThrow(new TypeError('Failed to fetch'));
    expect(explanations[0]).toContain("examples can only reach the course's mock API");
    expect(explanations[0]).toContain(MOCK_ORIGINS[0]);
    expect(events.at(-1)).toMatchObject({ kind: 'failed', blocked: true });
  });

  it('treats relative URLs as the site, which is outside the mock API', async () => {
    const { fetch, explanations } = sandbox();
    await expect(fetch('/users')).rejects.toThrow('Failed to fetch');
    expect(explanations[0]).toContain('http://127.0.0.1:4321/users');
  });

  it('turns a simulated network failure into TypeError: Failed to fetch', async () => {
    const { fetch, events } = sandbox();
    await expect(fetch('https://down.example.com/anything')).rejects.toThrow('Failed to fetch');
    expect(events.at(-1)).toMatchObject({ kind: 'failed', blocked: false });
  });

  it('rejects with the signal reason when AbortSignal.timeout fires on a hang', async () => {
    const { fetch, events, pending } = sandbox({ scenario: 'hang' });
    const error = await fetch('https://api.example.com/users/1', {
      signal: AbortSignal.timeout(50),
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(events.at(-1)).toMatchObject({ kind: 'aborted', reason: 'TimeoutError' });
    expect(pending()).toBe(0);
  });

  it('records the request body and headers a client sends', async () => {
    const { fetch, events } = sandbox();
    await fetch('https://api.example.com/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer abc' },
      body: JSON.stringify({ name: 'Ada' }),
    });
    const request = events[0]!;
    expect(request).toMatchObject({
      kind: 'request',
      method: 'POST',
      body: { text: '{"name":"Ada"}' },
    });
    expect(request.kind === 'request' && request.headers).toContainEqual([
      'authorization',
      'Bearer abc',
    ]);
  });

  it('reads a request body once and hands the handlers copies of those bytes', async () => {
    const { fetch, events, reads } = sandbox();
    const response = await fetch('https://api.example.com/anything', {
      method: 'POST',
      body: JSON.stringify({ name: 'Ada' }),
    });
    const echoed = (await response.json()) as { data: string; json: unknown };
    expect(echoed.data).toBe('{"name":"Ada"}');
    expect(echoed.json).toEqual({ name: 'Ada' });
    expect(events[0]).toMatchObject({ kind: 'request', body: { text: '{"name":"Ada"}' } });
    // One tracked read of the request body, one of the response body.
    expect(reads()).toBe(2);
  });

  it('a clone of a response keeps its URL and its body reads are tracked', async () => {
    const { fetch, reads } = sandbox();
    const response = await fetch('https://api.example.com/users/1');
    const copy = response.clone();
    expect(copy.url).toBe('https://api.example.com/users/1');
    expect(copy.redirected).toBe(false);
    expect(((await copy.json()) as { id: number }).id).toBe(1);
    expect(((await response.clone().clone().json()) as { id: number }).id).toBe(1);
    expect(((await response.json()) as { id: number }).id).toBe(1);
    expect(reads()).toBe(3);
  });
});

describe('a streamed mock body (/slow-body)', () => {
  it('hands over the response at the headers and keeps the request open until the last piece', async () => {
    const { fetch, events, pending, reads } = sandbox();
    const response = await fetch('https://api.example.com/slow-body/0.2');
    expect(response.status).toBe(200);
    expect(pending()).toBe(1);
    expect(events.map((event) => event.kind)).toEqual(['request']);
    const body = (await response.json()) as { slow_body_seconds: number };
    expect(body.slow_body_seconds).toBe(0.2);
    // Reads of a streamed body wait on the mock's timers: they are not quick work to wait for.
    expect(reads()).toBe(0);
    expect(pending()).toBe(0);
    const answered = events.at(-1)!;
    expect(answered.kind === 'response' && answered.body?.text).toContain('slow_body_seconds');
  });

  it('a deadline that passes mid-body rejects the read with its TimeoutError and logs the abort', async () => {
    const { fetch, events, pending } = sandbox();
    const response = await fetch('https://api.example.com/slow-body/5', {
      signal: AbortSignal.timeout(100),
    });
    const error = await response.text().catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(events.map((event) => event.kind)).toEqual(['request', 'aborted']);
    expect(pending()).toBe(0);
  });
});

describe('streamed mock bodies the program reads piece by piece (/stream, /drip)', () => {
  it('a break out of for await cancels the body: the log keeps what arrived, the mock stops', async () => {
    let timers = 0;
    const { fetch, events, pending } = sandbox({
      timers: {
        setTimeout: (callback, ms) => {
          timers += 1;
          return setTimeout(callback, ms);
        },
        clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
      },
    });
    const response = await fetch('https://api.example.com/stream/50?interval=0.01');
    const decoder = new TextDecoder();
    let text = '';
    for await (const piece of response.body!) {
      text += decoder.decode(piece, { stream: true });
      if (text.split('\n').length > 3) break; // three whole lines
    }
    expect(pending()).toBe(0);
    const answered = events.at(-1)!;
    expect(answered).toMatchObject({ kind: 'response', status: 200 });
    expect(answered.kind === 'response' && answered.note).toMatch(
      /^The program cancelled the body after \d+ bytes had arrived$/,
    );
    expect(answered.kind === 'response' && answered.body?.text).toBe(text);
    const scheduled = timers;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(timers, 'no piece scheduled after the cancel').toBe(scheduled);
  });

  it('a body with a Content-Length arrives in pieces, and the hosts-only header is not shown', async () => {
    const { fetch, events } = sandbox();
    const response = await fetch(
      'https://api.example.com/drip?numbytes=1000&duration=0.1&pieces=4',
    );
    expect(response.headers.get('content-length')).toBe('1000');
    expect([...response.headers.keys()]).not.toContain('x-mock-streamed-body');
    const sizes: number[] = [];
    for await (const piece of response.body!) sizes.push(piece.length);
    expect(sizes).toEqual([250, 250, 250, 250]);
    const answered = events.at(-1)!;
    expect(answered.kind === 'response' && answered.headers.map(([name]) => name)).not.toContain(
      'x-mock-streamed-body',
    );
  });

  it('the log keeps the first 64 KiB of a big streamed body and counts the rest', async () => {
    const { fetch, events } = sandbox();
    const response = await fetch(
      'https://api.example.com/drip?numbytes=200000&duration=0&pieces=7',
    );
    expect((await response.arrayBuffer()).byteLength).toBe(200_000);
    const answered = events.at(-1)!;
    expect(answered.kind === 'response' && answered.body).toEqual({
      text: '*'.repeat(64 * 1024),
      truncated: 200_000 - 64 * 1024,
    });
  });

  it('a cut connection fails the read after the pieces that came, and logs a failure', async () => {
    const { fetch, events, pending } = sandbox();
    const response = await fetch('https://api.example.com/stream/5?interval=0.01&cut_after=2');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        text += decoder.decode(value, { stream: true });
      }
    })().catch((thrown: unknown) => thrown);
    expect((error as Error).name).toBe('TypeError');
    expect(text.split('\n').length).toBe(3); // two lines and half of the third
    expect(events.at(-1)).toMatchObject({ kind: 'failed', reason: 'The body was cut off' });
    expect(pending()).toBe(0);
  });
});
