import { spawn } from 'node:child_process';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer, type MockServer } from '../server';

let server: MockServer;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startMockServer({ port: 0, log: (line) => logLines.push(line) });
});
afterAll(() => server.close());

/** The error a failed fetch rejects with, or undefined if it got a response. */
function failure(promise: Promise<Response>): Promise<Error | undefined> {
  return promise.then(
    () => undefined,
    (error: Error) => error,
  );
}

/** Sends raw bytes and collects whatever comes back until the server closes the socket. */
function rawExchange(bytes: string, { destroyAfterWrite = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(bytes);
      if (destroyAfterWrite) {
        socket.destroy();
        resolve('');
      }
    });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
  });
}

describe('the local mock server', () => {
  it('listens on 127.0.0.1 and serves api.example.com at / and GitHub under /github/', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const user = await fetch(`${server.url}/users/42`);
    expect(user.status).toBe(200);
    expect((await user.json()).id).toBe(42);

    const repo = await fetch(`${server.url}/github/repos/python/cpython`);
    expect(repo.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await repo.json()).stargazers_count).toBe(68432);

    const missing = await fetch(`${server.url}/github/repos/python/no-such-repo`);
    expect(missing.status).toBe(404);
    expect(missing.statusText).toBe('Not Found');
    expect(
      logLines.some((line) => line.startsWith('GET /github/repos/python/no-such-repo → 404')),
    ).toBe(true);
  });

  it('rewrites Location and Link to point back at this server', async () => {
    const created = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Alice', email: 'alice@example.com' }),
    });
    expect(created.status).toBe(201);
    expect(created.statusText).toBe('Created');
    const location = created.headers.get('location')!;
    expect(location.startsWith(`${server.url}/users/`)).toBe(true);
    expect((await (await fetch(location)).json()).name).toBe('Alice');

    const page = await fetch(`${server.url}/users?per_page=10`);
    expect(page.headers.get('link')).toContain(
      `<${server.url}/users?per_page=10&page=2>; rel="next"`,
    );
  });

  it('fetch with AbortSignal.timeout gives up on /hang and /delay/5, and the server lets go', async () => {
    for (const path of ['/hang', '/delay/5']) {
      const error = await failure(
        fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(200) }),
      );
      expect(error?.name).toBe('TimeoutError');
      await vi.waitFor(
        () =>
          expect(logLines).toContainEqual(expect.stringMatching(`^GET ${path} → client gave up`)),
        {
          timeout: 5000,
        },
      );
      expect(server.activeRequests()).toBe(0);
    }
  });

  it('streams /slow-body over the wire: headers at once, the body in pieces over the delay', async () => {
    const started = performance.now();
    const response = await fetch(`${server.url}/slow-body/1`);
    expect(performance.now() - started).toBeLessThan(500);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const body = await response.json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(body).toMatchObject({ slow_body_seconds: 1, pieces: 10 });

    const cut = await fetch(`${server.url}/slow-body/5`, { signal: AbortSignal.timeout(200) });
    expect((await failure(cut.json() as Promise<Response>))?.name).toBe('TimeoutError');
    await vi.waitFor(() =>
      expect(logLines).toContainEqual(expect.stringMatching('^GET /slow-body/5 → client gave up')),
    );
    expect(server.activeRequests()).toBe(0);
  });

  it('a hang ends when the client aborts, even after a garbage collection', async () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const controller = new AbortController();
    const pending = failure(fetch(`${server.url}/hang`, { signal: controller.signal }));
    await vi.waitFor(() => expect(server.activeRequests()).toBe(1), { timeout: 5000 });
    for (let i = 0; i < 3; i++) collectGarbage();
    controller.abort();
    expect((await pending)?.name).toBe('AbortError');
    await vi.waitFor(() => expect(server.activeRequests()).toBe(0), { timeout: 5000 });
  });

  it('/unreachable closes the socket without a response', async () => {
    const error = await failure(fetch(`${server.url}/unreachable`));
    expect(error).toBeInstanceOf(TypeError);
    expect((await fetch(`${server.url}/users/1`)).status).toBe(200);
  });

  it('answers 50 concurrent requests', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => fetch(`${server.url}/users/${index + 1}`)),
    );
    const ids = await Promise.all(responses.map(async (response) => (await response.json()).id));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(ids).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  });

  it('keeps the connection alive: sequential requests reuse one socket', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const ports = new Set<number>();
      const reused: boolean[] = [];
      for (let i = 0; i < 5; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = httpRequest(
            `${server.url}/users/${i + 1}`,
            { agent },
            (res: IncomingMessage) => {
              ports.add(res.socket.localPort!);
              reused.push(req.reusedSocket);
              res.resume();
              res.on('end', resolve);
            },
          );
          req.on('error', reject);
          req.end();
        });
      }
      expect(ports.size).toBe(1);
      expect(reused).toEqual([false, true, true, true, true]);
    } finally {
      agent.destroy();
    }
  });

  it('answers /status/{code} over the wire, and 501 for a 1xx that real HTTP cannot end with', async () => {
    const teapot = await fetch(`${server.url}/status/418`);
    expect([teapot.status, teapot.statusText]).toEqual([418, "I'm a Teapot"]);
    const interim = await fetch(`${server.url}/status/103`);
    expect(interim.status).toBe(501);
    expect((await interim.json()).detail).toContain('interim');
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await fetch(`${server.url}/users/42`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('bad input never takes the server down', () => {
  it('garbage instead of HTTP gets 400, and the server keeps serving', async () => {
    const reply = await rawExchange('THIS IS NOT HTTP\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(`${server.url}/users/1`)).status).toBe(200);
  });

  it('odd request lines and headers get 4xx, never a crash', async () => {
    const requests = [
      'GET http://elsewhere.example/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
      'GET * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
      'GET /%%zz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
      'GET /users/42 HTTP/1.1\r\nHost: a\r\nX-Bad: \x01\r\nConnection: close\r\n\r\n',
      'POST /users HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n',
    ];
    for (const bytes of requests) {
      const reply = await rawExchange(bytes);
      expect(reply, JSON.stringify(bytes)).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    expect((await fetch(`${server.url}/users/1`)).status).toBe(200);
  });

  it('a body that is not JSON gets 400, a wrong Content-Type 415', async () => {
    const broken = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name": ',
    });
    expect(broken.status).toBe(400);
    const form = await fetch(`${server.url}/users`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'A' }),
    });
    expect(form.status).toBe(415);
  });

  it('a huge body gets 413', async () => {
    const response = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), email: 'a@example.com' }),
    }).catch(() => undefined);
    // Depending on timing the client sees the 413 or a reset while still sending; never a 2xx.
    if (response) {
      expect(response.status).toBe(413);
      expect(response.headers.get('x-request-id')).toMatch(/^srv_[0-9a-f]{16}$/);
    }
    expect((await fetch(`${server.url}/users/1`)).status).toBe(200);
    expect(logLines).toContainEqual(expect.stringMatching(/^POST \/users → 413/));
  });

  it('a client that disconnects mid-body does not disturb other requests', async () => {
    await rawExchange(
      'POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na',
      { destroyAfterWrite: true },
    );
    expect((await fetch(`${server.url}/users/1`)).status).toBe(200);
  });
});

describe('scenarios in server mode', () => {
  it('offline: every request is a network error', async () => {
    const offline = await startMockServer({ port: 0, scenario: 'offline', quiet: true });
    try {
      expect(await failure(fetch(`${offline.url}/users/42`))).toBeInstanceOf(TypeError);
      expect(await failure(fetch(`${offline.url}/github/repos/python/cpython`))).toBeInstanceOf(
        TypeError,
      );
    } finally {
      await offline.close();
    }
  });

  it('hang: close() still ends promptly with requests held open', async () => {
    const hanging = await startMockServer({ port: 0, scenario: 'hang', quiet: true });
    const pending = failure(fetch(`${hanging.url}/users/42`));
    await vi.waitFor(() => expect(hanging.activeRequests()).toBe(1), { timeout: 5000 });
    await hanging.close();
    expect(await pending).toBeInstanceOf(TypeError);
  });
});

describe('npm run mock-api', () => {
  it('prints its URL, answers, and exits 0 on Ctrl+C (SIGINT)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'mock-api/server.ts', '--port', '0', '--scenario', 'not-found'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await vi.waitFor(
        () => {
          const match = /Mock API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (!match) throw new Error(`not started yet: ${output}`);
          return match[1]!;
        },
        { timeout: 15_000, interval: 100 },
      );
      expect((await fetch(`${url}/users/42`)).status).toBe(404);
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses an unknown scenario with a message naming the valid ones', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'mock-api/server.ts', '--scenario', 'sloww'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(errors).toContain('Unknown scenario "sloww"');
    expect(errors).toContain('rate-limited');
  });
});
