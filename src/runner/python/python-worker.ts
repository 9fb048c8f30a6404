/// <reference lib="webworker" />
/**
 * The Python worker: Pyodide (CPython 3.14 in WebAssembly) with requests, one program in its life.
 * It starts like the sandbox worker, as a classic worker from a blob: URL inside the opaque-origin
 * sandbox frame, so it has that frame's policy: no network at all, no code from strings, no origin
 * (no storage, no caches). It cannot fetch its own runtime either: the page fetches the files
 * (cached by the service worker) and hands the bytes over, served here to Pyodide's loader by a
 * fetch of our own that knows only those files and is gone before any Python runs.
 *
 * The reader's code reaches the network only through `course_transport.py`, which sends each
 * request over the bridge to the run's sandbox worker, where the mock API answers it and the run
 * record is written. Python's `js` module is an empty object, not this worker's global scope.
 */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import createPyodideModule from 'pyodide/pyodide.asm.mjs';
import transportSource from './course_transport.py';
import { installPythonPackages } from './python-packages.ts';
import type {
  BodyRead,
  BridgeAnswer,
  FromPython,
  FromPythonWorker,
  PythonFiles,
  ToPython,
  ToPythonWorker,
} from './python-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const addListener = scope.addEventListener.bind(scope);
/** Pyodide asks for its files under this address; nothing is ever fetched from it. */
const INDEX_URL = 'https://python.invalid/';
const SITE_PACKAGES = '/lib/python3.14/site-packages';

/** Everything a program could use to reach out, besides what the frame's policy already blocks. */
const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts'];

function refuseNetwork(): void {
  const refuse = () => {
    throw new TypeError(
      "Python in this course reaches only the mock API, through requests (or urllib3): pyodide.http and the worker's own network are switched off.",
    );
  };
  for (const name of NETWORK_GLOBALS) {
    Object.defineProperty(scope, name, { value: refuse, configurable: false, writable: false });
  }
}

async function boot(files: PythonFiles): Promise<PyodideAPI> {
  const served = new Map<string, { bytes: ArrayBuffer; type: string }>([
    [`${INDEX_URL}pyodide.asm.wasm`, { bytes: files.wasm, type: 'application/wasm' }],
    [`${INDEX_URL}python_stdlib.zip`, { bytes: files.stdlib, type: 'application/zip' }],
  ]);
  // Pyodide's loader fetches its wasm and standard library by URL; these are the only answers.
  scope.fetch = (input: RequestInfo | URL) => {
    const file = served.get(input instanceof Request ? input.url : String(input));
    if (!file)
      return Promise.reject(new TypeError(`The Python runtime has no file ${String(input)}`));
    return Promise.resolve(new Response(file.bytes, { headers: { 'content-type': file.type } }));
  };
  let python: PyodideAPI;
  try {
    python = await loadPyodide({
      indexURL: INDEX_URL,
      createPyodideModule,
      // No packages are loaded from Pyodide's repository: only its own record of the build.
      lockFileContents: files.lock,
      jsglobals: Object.create(null) as object,
      env: { HOME: '/home/pyodide', PYTHONDONTWRITEBYTECODE: '1' },
      checkAPIVersion: true,
    });
  } finally {
    refuseNetwork();
  }
  installPythonPackages(python, new Uint8Array(files.packages));
  python.FS.mkdirTree(SITE_PACKAGES);
  python.FS.writeFile(`${SITE_PACKAGES}/course_transport.py`, transportSource);
  python.registerJsModule('_course_bridge', bridgeModule);
  python.setStdin({ error: true });
  // Imported now, while the reader reads: the first Run pays for nothing but its own code.
  await python.runPythonAsync('import requests, course_transport\ncourse_transport.install()');
  // And one request made and answered here, for the same reason: a first request costs 0.2-0.4 s
  // more than the next (netrc imported, regular expressions compiled, first calls across the
  // bridge), which put a program's own timings (lesson 12's `after 2.0 s`) off against python3's.
  warming = true;
  try {
    await (
      python.pyimport('course_transport').warm_up as { callPromising(): Promise<void> }
    ).callPromising();
  } finally {
    warming = false;
  }
  return python;
}

// ---------------------------------------------------------------------------------------------
// The bridge: requests and sleeps go to the sandbox worker; Python waits on them with run_sync.

let bridge: MessagePort | null = null;
let nextId = 1;
const pending = new Map<number, (value: unknown) => void>();

function ask<T>(message: (id: number) => FromPython): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve) => {
    pending.set(id, resolve as (value: unknown) => void);
    bridge?.postMessage(message(id));
  });
}

/** While the worker warms up (boot), the bridge answers by itself: there is no sandbox yet. */
let warming = false;
const WARM_UP_HEAD = new TextEncoder().encode(
  'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n',
);
const WARM_UP_BODY = new TextEncoder().encode('{}');

const bridgeModule = {
  request(
    method: string,
    url: string,
    headers: [string, string][],
    body: Uint8Array | null | undefined,
    timeoutMs: number | null | undefined,
  ): Promise<BridgeAnswer> {
    if (warming) return Promise.resolve({ kind: 'response', head: WARM_UP_HEAD, body: 0 });
    return ask((id) => ({
      type: 'request',
      id,
      method: String(method),
      url: String(url),
      headers: [...headers].map(([name, value]) => [String(name), String(value)]),
      body: body ? new Uint8Array(body) : null,
      timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : null,
    }));
  },
  /** The next bytes of response body `body`: waits at most `timeoutMs`, or for ever when null. */
  read(body: number, timeoutMs: number | null | undefined): Promise<BodyRead> {
    if (warming) return Promise.resolve({ kind: 'data', bytes: WARM_UP_BODY });
    return ask((id) => ({
      type: 'read',
      id,
      body: Number(body),
      timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : null,
    }));
  },
  /** The connection under body `body` closed before its end: the sandbox stops the request. */
  close(body: number): void {
    if (warming) return;
    bridge?.postMessage({ type: 'close', body: Number(body) } satisfies FromPython);
  },
  sleep(ms: number): Promise<void> {
    return ask((id) => ({ type: 'sleep', id, ms: Number(ms) }));
  },
};

async function run(python: PyodideAPI, port: MessagePort, code: string): Promise<void> {
  const post = (message: FromPython) => port.postMessage(message);
  python.setStdout({ batched: (text) => post({ type: 'output', stream: 'stdout', text }) });
  python.setStderr({ batched: (text) => post({ type: 'output', stream: 'stderr', text }) });
  const runExample = python.pyimport('course_transport').run_example as {
    callPromising(code: string): Promise<string | undefined>;
  };
  try {
    const failure = await runExample.callPromising(code);
    post({ type: 'done', error: failure ? JSON.parse(failure) : null });
  } catch (error) {
    // The machinery itself failed (not the reader's code, whose exceptions run_example reports).
    post({
      type: 'done',
      error: {
        type: 'RuntimeError',
        message: error instanceof Error ? error.message : String(error),
        line: null,
        traceback: '',
      },
    });
  }
}

function start(page: MessagePort): void {
  const tell = (message: FromPythonWorker) => page.postMessage(message);
  let python: Promise<PyodideAPI> | null = null;
  page.onmessage = (event: MessageEvent<ToPythonWorker>) => {
    const data = event.data;
    if (data?.type === 'boot' && python === null) {
      const started = performance.now();
      python = boot(data.files);
      python.then(
        () => tell({ type: 'ready', bootMs: Math.round(performance.now() - started) }),
        (error: unknown) =>
          tell({
            type: 'boot-failed',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    } else if (data?.type === 'bridge' && event.ports[0] && python && bridge === null) {
      const port = event.ports[0];
      bridge = port;
      let taken = false;
      port.onmessage = (message: MessageEvent<ToPython>) => {
        const received = message.data;
        if (received?.type === 'run' && !taken) {
          taken = true;
          void python!.then((ready) => run(ready, port, String(received.code)));
        } else if (received?.type === 'answer' || received?.type === 'woke') {
          const resolve = pending.get(received.id);
          pending.delete(received.id);
          resolve?.(received.type === 'answer' ? received.answer : undefined);
        }
      };
    }
  };
}

let connected = false;
addListener('message', (event: MessageEvent<{ type?: string }>) => {
  const port = event.ports[0];
  // Only the frame's first message counts.
  if (connected || !port || event.data?.type !== 'connect') return;
  connected = true;
  start(port);
});
