/**
 * The transport under requests (course_transport.py), in Pyodide in Node, against a fake bridge: what
 * requests does with each kind of answer is what it does against a real server.
 */
import { readFileSync } from 'node:fs';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BridgeAnswer } from './python-protocol.ts';
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

function response(head: string, body = '', ending: 'complete' | 'timeout' | 'cut' = 'complete') {
  return (): BridgeAnswer => ({
    kind: 'response',
    head: encode(`${head.split('\n').join('\r\n')}\r\n\r\n`),
    body: encode(body),
    ending,
  });
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

  it('a body cut off mid-way fails the read, as a reset connection does', async () => {
    answers = [response('HTTP/1.1 200 OK\ncontent-length: 100', 'only part', 'cut')];
    const lines = await run(
      'import requests\nr = requests.get("http://127.0.0.1:4010/drip", stream=True)\nprint(r.status_code)\nr.content',
    );
    expect(lines[0]).toBe('200');
    expect(lines[1]).toMatch(/^FAILED requests\.exceptions\.ChunkedEncodingError: /);
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
