/**
 * The transport under requests (course_transport.py), in Pyodide in Node, against a fake bridge: what
 * requests does with each kind of answer is what it does against a real server.
 */
import { readFileSync } from 'node:fs';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BodyRead, BridgeAnswer } from './python-protocol.ts';
import { pythonPackagesFile } from './python-packages-file.ts';

const SITE_PACKAGES = '/lib/python3.14/site-packages';
const encode = (text: string) => new TextEncoder().encode(text);

interface Sent {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
  timeoutMs: number | null;
}

let python: PyodideAPI;
const sent: Sent[] = [];
const slept: number[] = [];
let answers: ((request: Sent) => BridgeAnswer)[] = [];

/** What the fake bridge serves each body's reads, in order; after the last, the end. */
const bodies = new Map<number, BodyRead[]>();
/** Every read: which body, and the read timeout it carried. */
const reads: { body: number; timeoutMs: number | null }[] = [];
const closed: number[] = [];
let nextBody = 1;

/**
 * A response: its head, then its body's reads (a string is the next bytes on the wire, `timeout`
 * a read that waited its whole timeout); after them, the server closes the connection.
 */
function response(head: string, ...wire: (string | 'timeout')[]) {
  return (): BridgeAnswer => {
    const body = nextBody++;
    bodies.set(
      body,
      wire.map((piece) =>
        piece === 'timeout' ? { kind: 'timeout' } : { kind: 'data', bytes: encode(piece) },
      ),
    );
    return { kind: 'response', head: encode(`${head.split('\n').join('\r\n')}\r\n\r\n`), body };
  };
}

/** A chunked body as the sandbox frames it: each piece one chunk, then the last chunk. */
function chunked(...pieces: string[]): string[] {
  return [
    ...pieces.map((piece) => `${encode(piece).length.toString(16)}\r\n${piece}\r\n`),
    '0\r\n\r\n',
  ];
}

async function run(code: string): Promise<string[]> {
  const lines: string[] = [];
  python.setStdout({ batched: (line) => lines.push(line) });
  const runExample = python.pyimport('course_transport').run_example as {
    callPromising(code: string): Promise<string | undefined>;
  };
  const failure = await runExample.callPromising(code);
  if (failure) lines.push(`FAILED ${JSON.parse(failure).type}: ${JSON.parse(failure).message}`);
  return lines;
}

beforeAll(async () => {
  python = await loadPyodide({ jsglobals: Object.create(null) as object });
  python.unpackArchive(new Uint8Array(readFileSync(pythonPackagesFile)), 'zip', {
    extractDir: SITE_PACKAGES,
  });
  python.FS.writeFile(
    `${SITE_PACKAGES}/course_transport.py`,
    readFileSync(new URL('./course_transport.py', import.meta.url), 'utf8'),
  );
  python.registerJsModule('_course_bridge', {
    request(
      method: string,
      url: string,
      headers: { toJs?: () => unknown } & [string, string][],
      body: Uint8Array | null | undefined,
      timeoutMs: number | null | undefined,
    ) {
      const request: Sent = {
        method,
        url,
        headers: [...headers].map((pair) => [String(pair[0]), String(pair[1])]),
        body: body ? new TextDecoder().decode(body) : null,
        timeoutMs: timeoutMs ?? null,
      };
      sent.push(request);
      const next = answers.shift();
      return Promise.resolve(next ? next(request) : { kind: 'closed' });
    },
    read(body: number, timeoutMs: number | null | undefined) {
      reads.push({ body, timeoutMs: timeoutMs ?? null });
      const next = bodies.get(body)?.shift();
      return Promise.resolve(next ?? { kind: 'end' });
    },
    close(body: number) {
      closed.push(body);
    },
    sleep(ms: number) {
      slept.push(ms);
      return Promise.resolve();
    },
  });
  await python.runPythonAsync('import course_transport\ncourse_transport.install()');
}, 60_000);

describe('course_transport', () => {
  it('hands requests a parsed response: status, headers, cookies, JSON', async () => {
    sent.length = 0;
    answers = [
      response(
        'HTTP/1.1 201 Created\ncontent-type: application/json\nset-cookie: session=abc; Path=/\ncontent-length: 11',
        '{"id": 101}',
      ),
    ];
    const lines = await run(
      [
        'import requests',
        'r = requests.post("http://127.0.0.1:4010/users", json={"name": "Ada"}, timeout=5)',
        'print(r.status_code, r.reason, r.headers["Content-Type"], r.json()["id"], r.cookies["session"])',
      ].join('\n'),
    );
    expect(lines).toEqual(['201 Created application/json 101 abc']);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:4010/users',
      body: '{"name": "Ada"}',
      timeoutMs: 5000,
    });
    expect(sent[0]!.headers).toContainEqual(['Content-Type', 'application/json']);
  });

  it('lets requests follow a redirect itself, as it would from a server', async () => {
    sent.length = 0;
    answers = [
      response('HTTP/1.1 302 Found\nlocation: http://127.0.0.1:4010/users/1\ncontent-length: 0'),
      response('HTTP/1.1 200 OK\ncontent-length: 2', 'ok'),
    ];
    const lines = await run(
      'import requests\nr = requests.get("http://127.0.0.1:4010/old")\nprint(r.status_code, r.url, len(r.history))',
    );
    expect(lines).toEqual(['200 http://127.0.0.1:4010/users/1 1']);
    expect(sent.map((request) => request.url)).toEqual([
      'http://127.0.0.1:4010/old',
      'http://127.0.0.1:4010/users/1',
    ]);
    // No timeout given: requests waits for ever, and the bridge is told so.
    expect(sent[0]!.timeoutMs).toBeNull();
  });

  it('raises what requests raises against a real server: ReadTimeout, ConnectionError', async () => {
    answers = [
      () => ({ kind: 'timeout' }),
      () => ({ kind: 'closed' }),
      () => ({ kind: 'refused' }),
    ];
    const lines = await run(
      [
        'import requests',
        'for url in ["/slow", "/down", ":5000/x"]:',
        '    try:',
        '        requests.get("http://127.0.0.1:4010" + url if url[0] == "/" else "http://127.0.0.1" + url, timeout=2)',
        '    except requests.exceptions.RequestException as error:',
        '        print(type(error).__name__, error)',
      ].join('\n'),
    );
    expect(lines[0]).toBe(
      "ReadTimeout HTTPConnectionPool(host='127.0.0.1', port=4010): Read timed out. (read timeout=2)",
    );
    expect(lines[1]).toBe(
      "ConnectionError ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
    );
    expect(lines[2]).toMatch(
      /^ConnectionError HTTPConnectionPool\(host='127\.0\.0\.1', port=5000\): Max retries exceeded/,
    );
  });

  it('a body cut off mid-way reads as the server closing early: requests’ own error', async () => {
    answers = [
      response('HTTP/1.1 200 OK\ncontent-length: 100', 'only part'),
      response('HTTP/1.1 200 OK\ntransfer-encoding: chunked', '3\r\none\r\n'),
    ];
    const lines = await run(
      [
        'import requests',
        'for path in ["/drip", "/sse"]:',
        '    r = requests.get("http://127.0.0.1:4010" + path, stream=True)',
        '    try:',
        '        list(r.iter_content(chunk_size=None))',
        '    except requests.exceptions.ChunkedEncodingError as error:',
        '        print(r.status_code, error)',
      ].join('\n'),
    );
    // What Debian's urllib3 1.26 says against the local server when it cuts a body. (Its
    // `r.content` takes a short body with a Content-Length as it is; urllib3 2 would raise.)
    expect(lines).toEqual([
      "200 ('Connection broken: IncompleteRead(9 bytes read, 91 more expected)', IncompleteRead(9 bytes read, 91 more expected))",
      "200 (\"Connection broken: InvalidChunkLength(got length b'', 0 bytes read)\", InvalidChunkLength(got length b'', 0 bytes read))",
    ]);
  });

  it('stream=True reads each chunk as it comes, every read under the read timeout', async () => {
    reads.length = 0;
    answers = [
      response(
        'HTTP/1.1 200 OK\ntransfer-encoding: chunked',
        ...chunked('{"seq":1,"cel', 'sius":21.7}\n'),
      ),
    ];
    const lines = await run(
      [
        'import requests',
        'with requests.get("http://127.0.0.1:4010/stream/1", stream=True, timeout=(1, 2)) as r:',
        '    for piece in r.iter_content(chunk_size=None):',
        '        print(len(piece), piece)',
      ].join('\n'),
    );
    expect(lines).toEqual([`13 b'{"seq":1,"cel'`, `12 b'sius":21.7}\\n'`]);
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(new Set(reads.map((read) => read.timeoutMs))).toEqual(new Set([2000]));
  });

  it('a read that times out mid-body is requests’ ConnectionError (Read timed out.)', async () => {
    answers = [
      response('HTTP/1.1 200 OK\ntransfer-encoding: chunked', '5\r\nfirst\r\n', 'timeout'),
    ];
    const lines = await run(
      [
        'import requests',
        'try:',
        '    requests.get("http://127.0.0.1:4010/stream/8?stall_after=1", timeout=1)',
        'except requests.exceptions.ConnectionError as error:',
        '    print(type(error).__name__, error)',
      ].join('\n'),
    );
    expect(lines).toEqual([
      "ConnectionError HTTPConnectionPool(host='127.0.0.1', port=4010): Read timed out.",
    ]);
  });

  it('closing a response before its end tells the sandbox to stop sending', async () => {
    closed.length = 0;
    answers = [
      response('HTTP/1.1 200 OK\ncontent-length: 10', 'abcde', 'fghij'),
      response('HTTP/1.1 200 OK\ncontent-length: 2', 'ok'),
    ];
    const lines = await run(
      [
        'import requests',
        'with requests.get("http://127.0.0.1:4010/drip", stream=True) as r:',
        '    print(next(r.iter_content(chunk_size=5)))',
        'print(requests.get("http://127.0.0.1:4010/users").text)',
      ].join('\n'),
    );
    expect(lines).toEqual(["b'abcde'", 'ok']);
    // The first body was closed half-read. (The second is closed after its last byte too: the
    // sandbox knows its length, and stops nothing then.)
    expect(closed).toContain(nextBody - 2);
  });

  it('time.sleep waits on the bridge (the run’s clock), and urllib3’s Retry still works', async () => {
    slept.length = 0;
    sent.length = 0;
    answers = [
      response('HTTP/1.1 503 Service Unavailable\nretry-after: 2\ncontent-length: 0'),
      response('HTTP/1.1 200 OK\ncontent-length: 2', 'ok'),
    ];
    const lines = await run(
      [
        'import time, requests',
        'from requests.adapters import HTTPAdapter',
        'from urllib3.util.retry import Retry',
        'session = requests.Session()',
        'session.mount("http://", HTTPAdapter(max_retries=Retry(total=2, status_forcelist=[503])))',
        'print(session.get("http://127.0.0.1:4010/flaky").status_code)',
        'time.sleep(0.25)',
      ].join('\n'),
    );
    expect(lines).toEqual(['200']);
    expect(sent).toHaveLength(2);
    // Retry-After: 2 honoured by urllib3, then the program's own sleep.
    expect(slept).toEqual([2000, 250]);
  });

  it('warm_up (at boot) makes one whole request through the stack', async () => {
    sent.length = 0;
    answers = [response('HTTP/1.1 200 OK\ncontent-length: 2', '{}')];
    await (
      python.pyimport('course_transport').warm_up as { callPromising(): Promise<void> }
    ).callPromising();
    expect(sent.map((request) => request.url)).toEqual(['http://127.0.0.1:4010/?warm=up']);
  });

  it('reports an uncaught exception with the reader’s line and their code quoted', async () => {
    const lines = await run('x = 1\nraise ValueError("bad input")\n');
    expect(lines).toEqual(['FAILED ValueError: bad input']);
    const failure = JSON.parse(
      (await (
        python.pyimport('course_transport').run_example as {
          callPromising(code: string): Promise<string>;
        }
      ).callPromising('x = 1\nraise ValueError("bad input")\n')) as string,
    ) as { line: number; traceback: string };
    expect(failure.line).toBe(2);
    expect(failure.traceback).toContain('raise ValueError("bad input")');
    expect(failure.traceback).not.toContain('course_transport');
  });
});
