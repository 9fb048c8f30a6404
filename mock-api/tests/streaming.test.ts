import { beforeEach, describe, expect, it } from 'vitest';
import type { MockTimers } from '../abortable';
import { API, useMockApi } from './msw-server';

/** Every piece of a body with the ms it arrived at since `started`, and how the body ended. */
async function pieces(
  response: Response,
  started: number,
): Promise<{ texts: string[]; at: number[]; error: unknown }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const texts: string[] = [];
  const at: number[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { texts, at, error: null };
      texts.push(decoder.decode(value));
      at.push(performance.now() - started);
    }
  } catch (error) {
    return { texts, at, error };
  }
}

/** Timers that count what is scheduled and still pending, so a test sees what a stream leaves behind. */
function countingTimers(): MockTimers & { pending(): number } {
  const live = new Set<unknown>();
  return {
    setTimeout(callback, ms) {
      const id = setTimeout(() => {
        live.delete(id);
        callback();
      }, ms);
      live.add(id);
      return id;
    },
    clearTimeout(id) {
      live.delete(id);
      clearTimeout(id as ReturnType<typeof setTimeout>);
    },
    pending: () => live.size,
  };
}

describe('/stream/{n} (NDJSON)', () => {
  beforeEach(() => useMockApi());

  it('sends n lines, one every interval, each split across two pieces', async () => {
    const started = performance.now();
    const response = await fetch(`${API}/stream/3?interval=0.1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8');
    const { texts, at, error } = await pieces(response, started);
    expect(error).toBe(null);
    expect(texts.join('').split('\n')).toEqual([
      '{"seq":1,"celsius":21.7}',
      '{"seq":2,"celsius":25.4}',
      '{"seq":3,"celsius":20.1}',
      '',
    ]);
    // Four pieces: half a line, then the rest of one line and half of the next, …
    expect(texts.length).toBe(4);
    expect(texts.slice(0, 3).every((text) => !text.endsWith('\n'))).toBe(true);
    // A busy machine delays timers, never brings them forward: the last piece is never early, and
    // the first comes at once, so well before it.
    expect(at[3]).toBeGreaterThanOrEqual(290);
    expect(at[3]! - at[0]!).toBeGreaterThanOrEqual(250);
  });

  it('pads lines on request, the same in every run', async () => {
    const response = await fetch(`${API}/stream/2?interval=0&pad=5`);
    expect((await response.text()).split('\n')[1]).toBe('{"seq":2,"celsius":25.4,"pad":"xxxxx"}');
  });

  it('cut_after: the read fails after that many lines and half of the next', async () => {
    const response = await fetch(`${API}/stream/5?interval=0.05&cut_after=2`);
    const { texts, error } = await pieces(response, performance.now());
    expect(error).toBeInstanceOf(TypeError);
    expect(texts.join('')).toBe(
      '{"seq":1,"celsius":21.7}\n{"seq":2,"celsius":25.4}\n{"seq":3,"cel',
    );
  });

  it('stall_after: nothing more comes and nothing is scheduled, until the client gives up', async () => {
    const timers = countingTimers();
    useMockApi({ timers });
    const signal = AbortSignal.timeout(300);
    const response = await fetch(`${API}/stream/5?interval=0.05&stall_after=1`, { signal });
    const { texts, error } = await pieces(response, performance.now());
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(texts.join('')).toBe('{"seq":1,"celsius":21.7}\n{"seq":2,"cel');
    expect(timers.pending()).toBe(0);
  });

  it('a cancelled body clears its next timer at once', async () => {
    const timers = countingTimers();
    useMockApi({ timers });
    const response = await fetch(`${API}/stream/100?interval=5`);
    const reader = response.body!.getReader();
    await reader.read();
    const next = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timers.pending()).toBe(1);
    await reader.cancel();
    expect((await next).done).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timers.pending()).toBe(0);
  });

  it('refuses bad parameters with a 400 that shows a working example', async () => {
    for (const path of [
      '/stream/0',
      '/stream/1001',
      '/stream/x',
      '/stream/3?interval=11',
      '/stream/3?pad=-1',
      '/stream/3?cut_after=1&stall_after=1',
      '/stream/3?cut_after=0',
    ]) {
      const response = await fetch(`${API}${path}`);
      expect(response.status, path).toBe(400);
      expect((await response.json()).detail, path).toContain('Example: /stream/');
    }
  });
});

describe('/sse (Server-Sent Events)', () => {
  beforeEach(() => useMockApi());

  it('sends a comment, retry, count events with ids, then an end event, and closes', async () => {
    const response = await fetch(`${API}/sse?count=2&interval=0.05`);
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.text()).toBe(
      ': sensor readings\nretry: 1000\n\n' +
        'id: 1\nevent: reading\ndata: {"seq":1,"celsius":21.7}\n\n' +
        'id: 2\nevent: reading\ndata: {"seq":2,"celsius":25.4}\n\n' +
        'event: end\ndata: {"events":2}\n\n',
    );
  });

  it('resumes after Last-Event-ID', async () => {
    const response = await fetch(`${API}/sse?count=3&interval=0`, {
      headers: { 'Last-Event-ID': '2' },
    });
    const text = await response.text();
    expect(text.startsWith(': resuming after event 2\n')).toBe(true);
    expect(text.match(/^id: \d+$/gm)).toEqual(['id: 3']);
    expect(text.endsWith('event: end\ndata: {"events":3}\n\n')).toBe(true);
  });

  it('cut_after: the read fails mid-event', async () => {
    const response = await fetch(`${API}/sse?count=5&interval=0.05&cut_after=1`);
    const { texts, error } = await pieces(response, performance.now());
    expect(error).toBeInstanceOf(TypeError);
    expect(texts.join('').match(/^id: \d+$/gm)).toEqual(['id: 1', 'id: 2']);
    expect(texts.join('')).not.toContain('"seq":2');
  });

  it('refuses bad parameters and a Last-Event-ID that is not a number', async () => {
    for (const [path, headers] of [
      ['/sse?count=0', {}],
      ['/sse?interval=x', {}],
      ['/sse', { 'Last-Event-ID': 'abc' }],
    ] as const) {
      const response = await fetch(`${API}${path}`, { headers });
      expect(response.status, path).toBe(400);
      expect((await response.json()).detail).toContain('Example: /sse?');
    }
  });
});

describe('/drip', () => {
  beforeEach(() => useMockApi());

  it('announces every byte in Content-Length and drips them over the duration', async () => {
    const started = performance.now();
    const response = await fetch(`${API}/drip?numbytes=1000&duration=0.3&pieces=4`);
    expect(response.headers.get('Content-Length')).toBe('1000');
    expect(response.headers.get('Content-Type')).toBe('application/octet-stream');
    const { texts, at, error } = await pieces(response, started);
    expect(error).toBe(null);
    expect(texts.map((text) => text.length)).toEqual([250, 250, 250, 250]);
    expect(texts.join('')).toBe('*'.repeat(1000));
    expect(at[3]).toBeGreaterThanOrEqual(290);
    expect(at[3]! - at[0]!).toBeGreaterThanOrEqual(250);
  });

  it('chunked=true sends no Content-Length', async () => {
    const response = await fetch(`${API}/drip?numbytes=10&duration=0&chunked=true`);
    expect(response.headers.get('Content-Length')).toBe(null);
    expect(response.headers.get('Transfer-Encoding')).toBe('chunked');
    expect(await response.text()).toBe('*'.repeat(10));
  });

  it('delay holds the headers back; numbytes=0 is an empty body', async () => {
    const started = performance.now();
    const response = await fetch(`${API}/drip?numbytes=0&delay=0.2`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(response.headers.get('Content-Length')).toBe('0');
    expect(await response.text()).toBe('');
  });

  it('cut_after: fewer bytes than Content-Length promised, then the read fails', async () => {
    const response = await fetch(`${API}/drip?numbytes=100&duration=0.1&pieces=4&cut_after=60`);
    expect(response.headers.get('Content-Length')).toBe('100');
    const { texts, error } = await pieces(response, performance.now());
    expect(error).toBeInstanceOf(TypeError);
    expect(texts.join('').length).toBe(60);
  });

  it('refuses bad parameters with a 400 that shows a working example', async () => {
    for (const query of [
      'numbytes=-1',
      'numbytes=10485761',
      'duration=61',
      'delay=11',
      'pieces=0',
      'chunked=yes',
      'cut_after=5&stall_after=5',
    ]) {
      const response = await fetch(`${API}/drip?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).detail, query).toContain('Example: /drip?');
    }
  });
});
