/**
 * The sandbox's side of a Python run: which URLs reach the mock, and the answer as the local mock
 * server would write it (its Location pointing back at the local server, its length now known).
 */
import { describe, expect, it } from 'vitest';
import type { BodyRead, BridgeAnswer, FromPython, ToPython } from './python-protocol.ts';
import { missingModuleNote, servePython, targetOf, type PythonHostParts } from './python-host.ts';

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

/** A conversation with servePython over a real MessagePort, `fetch` standing in for the sandbox's. */
function serve(fetch: typeof globalThis.fetch) {
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
  const run = servePython(channel.port1, 'print(1)', parts);
  const waiting = new Map<number, (answer: BridgeAnswer | BodyRead) => void>();
  channel.port2.onmessage = (event: MessageEvent<ToPython>) => {
    if (event.data.type !== 'answer') return;
    waiting.get(event.data.id)?.(event.data.answer);
    waiting.delete(event.data.id);
  };
  let nextId = 1;
  const ask = <T extends BridgeAnswer | BodyRead>(message: (id: number) => FromPython) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve as (answer: BridgeAnswer | BodyRead) => void);
      channel.port2.postMessage(message(id));
    });
  return {
    notes,
    run,
    request: (request: Omit<Extract<FromPython, { type: 'request' }>, 'type' | 'id'>) =>
      ask<BridgeAnswer>((id) => ({ type: 'request', id, ...request })),
    read: (body: number, timeoutMs: number | null = null) =>
      ask<BodyRead>((id) => ({ type: 'read', id, body, timeoutMs })),
    close: (body: number) =>
      channel.port2.postMessage({ type: 'close', body } satisfies FromPython),
    done: () => channel.port2.postMessage({ type: 'done', error: null } satisfies FromPython),
    end: () => {
      channel.port1.close();
      channel.port2.close();
    },
  };
}

/** Runs one request through servePython with `fetch` standing in for the sandbox's. */
async function ask(
  request: Omit<Extract<FromPython, { type: 'request' }>, 'type' | 'id'>,
  fetch: typeof globalThis.fetch,
): Promise<{ answer: BridgeAnswer; notes: string[] }> {
  const host = serve(fetch);
  const result = { answer: await host.request(request), notes: host.notes };
  host.end();
  return result;
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const get = (path: string, timeoutMs: number | null = null) => ({
  method: 'GET',
  url: `http://127.0.0.1:4010${path}`,
  headers: [] as [string, string][],
  body: null,
  timeoutMs,
});

/** A body that arrives piece by piece: each after `ms`, then ends as `end` says. */
function pieces(
  texts: string[],
  { ms = 0, end = 'close' }: { ms?: number; end?: 'close' | 'stall' | 'cut' } = {},
) {
  const state = { cancelled: false };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index < texts.length) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        controller.enqueue(new TextEncoder().encode(texts[index++]));
      } else if (end === 'close') controller.close();
      else if (end === 'cut') controller.error(new TypeError('terminated'));
      else await new Promise(() => {});
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

/** Every read of a body until its end, as Python would make them. */
async function readAll(
  host: ReturnType<typeof serve>,
  body: number,
  timeoutMs: number | null = null,
) {
  const got: string[] = [];
  for (;;) {
    const read = await host.read(body, timeoutMs);
    if (read.kind !== 'data') return { got, last: read.kind };
    got.push(decode(read.bytes));
  }
}

describe('servePython', () => {
  it('answers with the head the local server would send, Location rewritten back to it', async () => {
    let asked: Request | null = null;
    const host = serve((input, init) => {
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
    });
    const answer = await host.request({
      method: 'POST',
      url: 'http://127.0.0.1:4010/users',
      headers: [
        ['Content-Type', 'application/json'],
        ['Connection', 'keep-alive'],
      ],
      body: new TextEncoder().encode('{"name":"Ada"}'),
      timeoutMs: 5000,
    });
    expect(asked!.url).toBe('https://api.example.com/users');
    expect(asked!.redirect).toBe('manual');
    expect(asked!.headers.get('connection')).toBeNull();
    expect(await asked!.text()).toBe('{"name":"Ada"}');
    expect(answer.kind).toBe('response');
    if (answer.kind !== 'response') return;
    const head = decode(answer.head);
    expect(head.startsWith('HTTP/1.1 201 Created\r\n')).toBe(true);
    expect(head).toContain('location: http://127.0.0.1:4010/users/101\r\n');
    // The mock had the body whole: counted, as the local server counts it.
    expect(head).toContain('content-length: 10\r\n');
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    expect(await readAll(host, answer.body)).toEqual({ got: ['{"id":101}'], last: 'end' });
    host.end();
  });

  it('passes a chunked body on piece by piece, each as one chunk, as the local server does', async () => {
    const body = pieces(['{"seq":1,"cel', 'sius":21.7}\n']);
    const host = serve(() =>
      Promise.resolve(
        new Response(body.stream, {
          headers: { 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
        }),
      ),
    );
    const answer = await host.request(get('/stream/1'));
    if (answer.kind !== 'response') throw new Error(`answered ${answer.kind}`);
    const head = decode(answer.head);
    expect(head).toContain('transfer-encoding: chunked\r\n');
    expect(head).not.toContain('content-length');
    expect(await readAll(host, answer.body)).toEqual({
      got: ['d\r\n{"seq":1,"cel\r\n', 'c\r\nsius":21.7}\n\r\n', '0\r\n\r\n'],
      last: 'end',
    });
    host.end();
  });

  it('keeps a streamed body’s declared Content-Length, in its place, and passes pieces as they come', async () => {
    const body = pieces(['abc', 'def']);
    const host = serve(() =>
      Promise.resolve(
        new Response(body.stream, {
          headers: { 'cache-control': 'no-store', 'content-length': '6', 'content-type': 'x/y' },
        }),
      ),
    );
    const answer = await host.request(get('/drip'));
    if (answer.kind !== 'response') throw new Error(`answered ${answer.kind}`);
    expect(decode(answer.head)).toContain(
      'cache-control: no-store\r\ncontent-length: 6\r\ncontent-type: x/y\r\n',
    );
    expect((await host.read(answer.body)).kind).toBe('data');
    expect((await host.read(answer.body)).kind).toBe('data');
    // All six bytes are in: Python closing the connection now cancels nothing.
    host.close(answer.body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(body.state.cancelled).toBe(false);
    host.end();
  });

  it('times each read on its own: a slow body within the read timeout arrives whole', async () => {
    // A piece every 50 ms, the whole body after 200 ms: longer than the 150 ms read timeout.
    const body = pieces(['a', 'b', 'c', 'd'], { ms: 50 });
    let signal: AbortSignal | undefined;
    const host = serve((_input, init) => {
      signal = init?.signal ?? undefined;
      return Promise.resolve(
        new Response(body.stream, { headers: { 'transfer-encoding': 'chunked' } }),
      );
    });
    const answer = await host.request(get('/slow-body/4', 150));
    if (answer.kind !== 'response') throw new Error(`answered ${answer.kind}`);
    expect((await readAll(host, answer.body, 150)).got).toHaveLength(5);
    // The timeout for the head has passed, and aborted nothing.
    expect(signal!.aborted).toBe(false);
    host.end();
  });

  it('a body that stops arriving times out that read, and the request ends as timed out', async () => {
    const body = pieces(['first'], { end: 'stall' });
    let signal: AbortSignal | undefined;
    const host = serve((_input, init) => {
      signal = init?.signal ?? undefined;
      return Promise.resolve(
        new Response(body.stream, { headers: { 'transfer-encoding': 'chunked' } }),
      );
    });
    const answer = await host.request(get('/stream/8?stall_after=1', 30));
    if (answer.kind !== 'response') throw new Error(`answered ${answer.kind}`);
    expect(await readAll(host, answer.body, 30)).toEqual({
      got: ['5\r\nfirst\r\n'],
      last: 'timeout',
    });
    expect(signal!.aborted).toBe(true);
    expect((signal!.reason as DOMException).name).toBe('TimeoutError');
    host.end();
  });

  it('a cut connection ends the body without its last chunk, as a closed socket reads', async () => {
    const body = pieces(['one'], { end: 'cut' });
    const host = serve(() =>
      Promise.resolve(new Response(body.stream, { headers: { 'transfer-encoding': 'chunked' } })),
    );
    const answer = await host.request(get('/sse?cut_after=1'));
    if (answer.kind !== 'response') throw new Error(`answered ${answer.kind}`);
    expect(await readAll(host, answer.body)).toEqual({ got: ['3\r\none\r\n'], last: 'end' });
    host.end();
  });

  it('stops the body when Python closes the connection, or when the program ends', async () => {
    const first = pieces(['a', 'b'], { end: 'stall' });
    const second = pieces(['c'], { end: 'stall' });
    const bodies = [first, second];
    const host = serve(() =>
      Promise.resolve(
        new Response(bodies.shift()!.stream, { headers: { 'transfer-encoding': 'chunked' } }),
      ),
    );
    const one = await host.request(get('/stream/2'));
    const two = await host.request(get('/stream/2'));
    if (one.kind !== 'response' || two.kind !== 'response') throw new Error('no response');
    await host.read(one.body);
    host.close(one.body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([first.state.cancelled, second.state.cancelled]).toEqual([true, false]);
    host.done();
    await host.run.done;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second.state.cancelled).toBe(true);
    host.end();
  });

  it('sends no body and no length for a 204 or a 304', async () => {
    const host = serve(() =>
      Promise.resolve(new Response(null, { status: 304, headers: { etag: '"v1"' } })),
    );
    const answer = await host.request(get('/users/1'));
    if (answer.kind !== 'response') throw new Error(`answered ${answer.kind}`);
    expect(decode(answer.head)).toBe('HTTP/1.1 304 Not Modified\r\netag: "v1"\r\n\r\n');
    expect(await host.read(answer.body)).toEqual({ kind: 'end' });
    host.end();
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

describe('missingModuleNote', () => {
  it('says which packages the browser has when an import fails, and where to run it instead', () => {
    const failure = {
      type: 'ModuleNotFoundError',
      message: "No module named 'pydantic'",
      line: 2,
      traceback: '',
    };
    const note = missingModuleNote(failure);
    expect(note).toContain('pydantic cannot be imported here');
    expect(note).toContain('pip install pydantic');
    expect(note).toContain('npm run mock-api');
    expect(missingModuleNote({ ...failure, message: "No module named 'x'; <b>" })).toBeNull();
    expect(missingModuleNote({ ...failure, type: 'ImportError' })).toBeNull();
  });
});
