/**
 * The sandbox's side of a Python run: which URLs reach the mock, and the answer as the local mock
 * server would write it (its Location pointing back at the local server, its length now known).
 */
import { describe, expect, it } from 'vitest';
import type { BridgeAnswer, FromPython, ToPython } from './python-protocol.ts';
import { servePython, targetOf, type PythonHostParts } from './python-host.ts';

describe('targetOf', () => {
  it('maps the local server’s URLs onto the hosts they stand for', () => {
    expect(targetOf('http://127.0.0.1:4010/users/1?x=2')).toEqual({
      kind: 'mock',
      url: 'https://api.example.com/users/1?x=2',
      localHost: '127.0.0.1:4010',
    });
    expect(targetOf('http://localhost:4010/github/repos/python/cpython')).toMatchObject({
      url: 'https://api.github.com/repos/python/cpython',
    });
    expect(targetOf('https://api.example.com/users')).toEqual({
      kind: 'mock',
      url: 'https://api.example.com/users',
      localHost: null,
    });
  });

  it('refuses another port on this machine, saying where the mock is', () => {
    const target = targetOf('http://127.0.0.1:8000/');
    expect(target.kind).toBe('refused');
    expect(target.kind === 'refused' && target.explanation).toContain('http://127.0.0.1:4010');
  });
});

/** Runs one request through servePython with `fetch` standing in for the sandbox's. */
async function ask(
  request: Omit<Extract<FromPython, { type: 'request' }>, 'type' | 'id'>,
  fetch: typeof globalThis.fetch,
): Promise<{ answer: BridgeAnswer; notes: string[] }> {
  const channel = new MessageChannel();
  const notes: string[] = [];
  const parts: PythonHostParts = {
    fetch,
    timeoutSignal: (ms) => AbortSignal.timeout(ms),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    print: () => {},
    explain: (text) => notes.push(text),
    fail: () => {},
  };
  servePython(channel.port1, 'print(1)', parts);
  const answer = new Promise<BridgeAnswer>((resolve) => {
    channel.port2.onmessage = (event: MessageEvent<ToPython>) => {
      if (event.data.type === 'answer') resolve(event.data.answer);
    };
  });
  channel.port2.postMessage({ type: 'request', id: 1, ...request } satisfies FromPython);
  const result = { answer: await answer, notes };
  channel.port1.close();
  channel.port2.close();
  return result;
}

describe('servePython', () => {
  it('answers with the head the local server would send, Location rewritten back to it', async () => {
    let asked: Request | null = null;
    const { answer } = await ask(
      {
        method: 'POST',
        url: 'http://127.0.0.1:4010/users',
        headers: [
          ['Content-Type', 'application/json'],
          ['Connection', 'keep-alive'],
        ],
        body: new TextEncoder().encode('{"name":"Ada"}'),
        timeoutMs: 5000,
      },
      (input, init) => {
        asked = new Request(input, init);
        return Promise.resolve(
          new Response('{"id":101}', {
            status: 201,
            headers: {
              location: 'https://api.example.com/users/101',
              'content-type': 'application/json',
            },
          }),
        );
      },
    );
    expect(asked!.url).toBe('https://api.example.com/users');
    expect(asked!.redirect).toBe('manual');
    expect(asked!.headers.get('connection')).toBeNull();
    expect(await asked!.text()).toBe('{"name":"Ada"}');
    expect(answer.kind).toBe('response');
    if (answer.kind !== 'response') return;
    const head = new TextDecoder().decode(answer.head);
    expect(head.startsWith('HTTP/1.1 201 Created\r\n')).toBe(true);
    expect(head).toContain('location: http://127.0.0.1:4010/users/101\r\n');
    expect(head).toContain('content-length: 10\r\n');
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    expect(new TextDecoder().decode(answer.body)).toBe('{"id":101}');
    expect(answer.ending).toBe('complete');
  });

  it('tells a timeout from a failure, and a host outside the mock from a dropped connection', async () => {
    const hang = () => new Promise<Response>(() => {});
    const failing = () => Promise.reject(new TypeError('Failed to fetch'));
    const timedOut = await ask(
      { method: 'GET', url: 'http://127.0.0.1:4010/hang', headers: [], body: null, timeoutMs: 20 },
      ((_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_, reject) =>
          init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)),
        )) as typeof fetch,
    );
    expect(timedOut.answer).toEqual({ kind: 'timeout' });
    const closed = await ask(
      {
        method: 'GET',
        url: 'http://127.0.0.1:4010/data',
        headers: [],
        body: null,
        timeoutMs: null,
      },
      failing,
    );
    expect(closed.answer).toEqual({ kind: 'closed' });
    const unreachable = await ask(
      { method: 'GET', url: 'https://example.org/', headers: [], body: null, timeoutMs: null },
      failing,
    );
    expect(unreachable.answer).toEqual({ kind: 'unreachable' });
    const refused = await ask(
      { method: 'GET', url: 'http://localhost:9999/', headers: [], body: null, timeoutMs: null },
      hang,
    );
    expect(refused.answer).toEqual({ kind: 'refused' });
    expect(refused.notes[0]).toContain('Nothing listens on localhost:9999');
  });
});
