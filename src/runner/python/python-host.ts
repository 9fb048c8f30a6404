/**
 * The sandbox's side of a Python run. The reader's Python runs in a worker of its own (Pyodide
 * cannot share a realm with the frozen built-ins of this one), and every request it makes arrives
 * here over the bridge, where it is sent with the run's own `fetch`: the same mock API, Network
 * rows, scenarios and clock as a TypeScript run, recorded where Python cannot reach.
 *
 * Python's code writes the URLs of the local mock server (`npm run mock-api`, 127.0.0.1:4010), as
 * the lessons do; they are answered by the host they stand for, and the links and locations in the
 * answer point back at the local server, exactly as that server would write them. Bodies also
 * arrive as that server sends them: a streamed body piece by piece, framed the same way (chunked,
 * or within its Content-Length), each read waiting at most requests' read timeout, so
 * `stream=True`, `iter_content` and a timeout between pieces behave as they do against it.
 */
import {
  localHeaderValue,
  virtualUrlFromLocalPath,
  LOCAL_ORIGIN,
} from '../../../mock-api/hosts.ts';
import { statusText } from '../../../mock-api/status-text.ts';
import { MOCK_ORIGINS } from '../sandbox-fetch.ts';
import type {
  BodyRead,
  BridgeAnswer,
  FromPython,
  PythonFailure,
  ToPython,
} from './python-protocol.ts';

export interface PythonHostParts {
  /** The run's fetch (sandbox-fetch.ts): answers from the mock API and writes the Network rows. */
  fetch: typeof fetch;
  /** An AbortSignal that fires after `ms` on the run's clock. */
  timeoutSignal(ms: number): AbortSignal;
  /** Calls back after `ms` on the run's clock; the run is not over while it waits. */
  setTimer(callback: () => void, ms: number): void;
  print(stream: 'stdout' | 'stderr', text: string): void;
  /** A note from the sandbox to the reader (not the program's output). */
  explain(text: string): void;
  fail(failure: PythonFailure): void;
}

export interface PythonRun {
  /** Python is running its own code (not waiting on a request or a sleep): work, not idleness. */
  busy(): boolean;
  /** Settles when the Python program ended (or the bridge broke). */
  done: Promise<void>;
}

const LOCAL_PORT = new URL(LOCAL_ORIGIN).port;
const LOCAL_NAMES = new Set(['127.0.0.1', 'localhost']);
/** Longest line of output taken from Python: the Console caps the rest of a run's output. */
const MAX_OUTPUT_CHARS = 20_000;

type Target =
  | { kind: 'mock'; url: string; localHost: string | null }
  | { kind: 'refused'; explanation: string };

/** Where a URL that Python asked for is answered. */
export function targetOf(url: string): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'mock', url, localHost: null };
  }
  if (parsed.protocol === 'http:' && LOCAL_NAMES.has(parsed.hostname)) {
    if (parsed.port !== LOCAL_PORT) {
      return {
        kind: 'refused',
        explanation: `Nothing listens on ${parsed.host} here: Python examples reach the course's mock API at ${LOCAL_ORIGIN} (as \`npm run mock-api\` serves it) or at its own hosts (${MOCK_ORIGINS.join(', ')}).`,
      };
    }
    return {
      kind: 'mock',
      url: virtualUrlFromLocalPath(`${parsed.pathname}${parsed.search}`),
      localHost: parsed.host,
    };
  }
  return { kind: 'mock', url, localHost: null };
}

/** Headers a client sends about its own connection: nothing a server (or the mock) reads. */
const CONNECTION_HEADERS = new Set(['host', 'connection', 'keep-alive', 'content-length']);

/**
 * The prototype's method, not the signal's own: the run's timeout signals count an `abort`
 * listener of their own as a reason to keep the run alive, and a read timeout that was not needed
 * must not hold a finished program open (sandbox-fetch.ts listens the same way).
 */
const listen = EventTarget.prototype.addEventListener;

/** A response body Python is reading, piece by piece, as from a socket. */
interface OpenBody {
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** Ends the request: a read timeout aborts it, as a TimeoutError, so its row says timed out. */
  control: AbortController;
  /** Each piece goes out as an HTTP/1.1 chunk, and a clean end as the last chunk. */
  chunked: boolean;
  /** Pieces already read (a body the host read whole to learn its length). */
  queued: Uint8Array[];
  /** Bytes of a declared Content-Length still to come (null for other framings). */
  remaining: number | null;
  /** Nothing more will come: the end was passed on, the read timed out, or Python closed it. */
  over: boolean;
}

export function servePython(port: MessagePort, code: string, parts: PythonHostParts): PythonRun {
  const send = (message: ToPython) => port.postMessage(message);
  const bodies = new Map<number, OpenBody>();
  let nextBody = 1;
  let waiting = 0;
  let finished = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  /** Waits on the sandbox's side (a request, a read, a sleep): Python is not working meanwhile. */
  const wait = <T>(work: Promise<T>, reply: (value: T) => ToPython) => {
    waiting += 1;
    void work.then((value) => {
      waiting -= 1;
      if (!finished) send(reply(value));
    });
  };
  const close = (id: number) => {
    const body = bodies.get(id);
    bodies.delete(id);
    if (!body || body.over) return;
    body.over = true;
    // The mock stops sending, and the row keeps what arrived, as when a program cancels a body.
    body.reader.cancel().catch(() => {});
  };

  const onMessage = (message: FromPython) => {
    if (finished || typeof message !== 'object' || message === null) return;
    switch (message.type) {
      case 'output':
        parts.print(
          message.stream === 'stderr' ? 'stderr' : 'stdout',
          String(message.text).slice(0, MAX_OUTPUT_CHARS),
        );
        return;
      case 'sleep': {
        const id = Number(message.id);
        const ms = Math.max(0, Number(message.ms) || 0);
        wait(new Promise<void>((resolve) => parts.setTimer(resolve, ms)), () => ({
          type: 'woke',
          id,
        }));
        return;
      }
      case 'request': {
        const id = Number(message.id);
        wait(
          answer(message, parts, (body) => {
            const bodyId = nextBody++;
            bodies.set(bodyId, body);
            return bodyId;
          }),
          (reply) => ({ type: 'answer', id, answer: reply }),
        );
        return;
      }
      case 'read': {
        const id = Number(message.id);
        const body = bodies.get(Number(message.body));
        const timeoutMs = message.timeoutMs === null ? null : Number(message.timeoutMs);
        wait(
          body ? readBody(body, timeoutMs, parts) : Promise.resolve<BodyRead>({ kind: 'end' }),
          (reply) => ({
            type: 'answer',
            id,
            answer: reply,
          }),
        );
        return;
      }
      case 'close':
        close(Number(message.body));
        return;
      case 'done':
        finished = true;
        // The program has ended, so its connections close, as a process's sockets do at exit.
        for (const id of [...bodies.keys()]) close(id);
        if (message.error) {
          const failure = checkedFailure(message.error);
          const missing = missingModuleNote(failure);
          if (missing) parts.explain(missing);
          parts.fail(failure);
        }
        finish();
        return;
      default:
        return;
    }
  };
  port.onmessage = (event: MessageEvent<FromPython>) => onMessage(event.data);
  send({ type: 'run', code });
  return { busy: () => !finished && waiting === 0, done };
}

/** Python's report of its own failure, kept to the shape and sizes the page expects. */
function checkedFailure(error: Partial<PythonFailure>): PythonFailure {
  const line = Number(error.line);
  return {
    type: String(error.type ?? 'Exception').slice(0, 200),
    message: String(error.message ?? '').slice(0, 2_000),
    line: Number.isInteger(line) && line > 0 ? line : null,
    traceback: String(error.traceback ?? '').slice(0, MAX_OUTPUT_CHARS),
  };
}

/**
 * What a reader needs to know when an import fails: the browser's Python has only the standard
 * library and requests' packages (docs/python.md), so `pip install` is not the answer here.
 */
export function missingModuleNote(failure: PythonFailure): string | null {
  if (failure.type !== 'ModuleNotFoundError') return null;
  const name = /^No module named '([\w.]+)'$/.exec(failure.message)?.[1];
  if (!name) return null;
  return `The browser's Python has the standard library and requests (with urllib3, idna, charset_normalizer, chardet, certifi and six), nothing else, so ${name} cannot be imported here. Run this example with python3 on your own machine (pip install ${name.split('.')[0]}), against the local mock server (npm run mock-api).`;
}

/** Fires `then` when `ms` pass on the run's clock, without keeping the run alive for it. */
function onTimeout(parts: PythonHostParts, ms: number, then: (reason: unknown) => void): void {
  const signal = parts.timeoutSignal(ms);
  listen.call(signal, 'abort', () => then(signal.reason), { once: true });
}

async function answer(
  message: Extract<FromPython, { type: 'request' }>,
  parts: PythonHostParts,
  open: (body: OpenBody) => number,
): Promise<BridgeAnswer> {
  const target = targetOf(String(message.url));
  if (target.kind === 'refused') {
    parts.explain(target.explanation);
    return { kind: 'refused' };
  }
  const method = String(message.method).toUpperCase();
  const headers: [string, string][] = Array.isArray(message.headers)
    ? message.headers
        .map(([name, value]) => [String(name), String(value)] as [string, string])
        .filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase()))
    : [];
  const timeoutMs = message.timeoutMs === null ? null : Number(message.timeoutMs);
  // The read timeout covers the wait for the head; each read of the body gets its own.
  const control = new AbortController();
  let answered = false;
  if (timeoutMs !== null && timeoutMs >= 0) {
    onTimeout(parts, timeoutMs, (reason) => {
      if (!answered) control.abort(reason);
    });
  }
  let response: Response;
  try {
    response = await parts.fetch(target.url, {
      method,
      headers,
      body:
        message.body && method !== 'GET' && method !== 'HEAD' ? new Uint8Array(message.body) : null,
      // requests follows redirects itself, by its own rules: the 3xx goes back to it as it is.
      redirect: 'manual',
      signal: control.signal,
    });
  } catch {
    if (control.signal.aborted) return { kind: 'timeout' };
    const reachable = MOCK_ORIGINS.includes(originOf(target.url));
    return reachable ? { kind: 'closed' } : { kind: 'unreachable' };
  } finally {
    answered = true;
  }
  const framing = await framingOf(response, method);
  // A body read whole (or none at all) is over already; the rest comes as Python reads it.
  const streams = framing.kind === 'chunked' || framing.kind === 'declared';
  if (!streams) response.body?.cancel().catch(() => {});
  const body: OpenBody = {
    reader: (streams && response.body ? response.body : emptyStream()).getReader(),
    control,
    chunked: framing.kind === 'chunked',
    queued: framing.kind === 'read' ? framing.pieces : [],
    remaining: framing.kind === 'declared' ? framing.length : null,
    over: !streams,
  };
  return {
    kind: 'response',
    head: new TextEncoder().encode(headOf(response, framing, target)),
    body: open(body),
  };
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

/**
 * How the local server frames the body (mock-api/server.ts): a body the route streams goes out as
 * it is made, chunked or within the Content-Length it declared; any other body whole, with its
 * length counted; a 204, a 304 and a HEAD without one.
 */
type Framing =
  | { kind: 'none'; length: number | null }
  | { kind: 'chunked' }
  | { kind: 'declared'; length: number }
  | { kind: 'read'; length: number; pieces: Uint8Array[] };

async function framingOf(response: Response, method: string): Promise<Framing> {
  if (response.status === 204 || response.status === 304) return { kind: 'none', length: null };
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const known = Number.isInteger(declared) && declared >= 0 ? declared : null;
  if (method === 'HEAD') return { kind: 'none', length: known ?? 0 };
  if (/(^|,)\s*chunked\s*$/i.test(response.headers.get('transfer-encoding') ?? '')) {
    return { kind: 'chunked' };
  }
  if (known !== null) return { kind: 'declared', length: known };
  // The mock had this body whole (only chunked and declared bodies stream): read it to count it.
  const pieces: Uint8Array[] = [];
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const result = await reader.read().catch(() => null);
      if (!result || result.done) break;
      pieces.push(result.value);
    }
  }
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return { kind: 'read', length, pieces };
}

const LAST_CHUNK = new TextEncoder().encode('0\r\n\r\n');

/** One read of a body, as a socket's: the next piece, its end, or nothing within the timeout. */
async function readBody(
  body: OpenBody,
  timeoutMs: number | null,
  parts: PythonHostParts,
): Promise<BodyRead> {
  const piece = body.queued.shift();
  if (piece) return { kind: 'data', bytes: piece };
  if (body.over) return { kind: 'end' };
  const read = body.reader.read().then(
    ({ done, value }) => (done ? ('end' as const) : value),
    () => 'cut' as const,
  );
  const timedOut =
    timeoutMs === null || timeoutMs < 0
      ? null
      : new Promise<'timeout'>((resolve) => onTimeout(parts, timeoutMs, () => resolve('timeout')));
  const next = await (timedOut ? Promise.race([read, timedOut]) : read);
  if (next === 'timeout') {
    body.over = true;
    body.control.abort(new DOMException('signal timed out', 'TimeoutError'));
    return { kind: 'timeout' };
  }
  if (next === 'cut') {
    // The connection was cut: no last chunk, and the reader sees the server close it early.
    body.over = true;
    return { kind: 'end' };
  }
  if (next === 'end') {
    body.over = true;
    return body.chunked ? { kind: 'data', bytes: LAST_CHUNK } : { kind: 'end' };
  }
  if (next.length === 0) return readBody(body, timeoutMs, parts);
  if (body.remaining !== null) {
    body.remaining -= next.length;
    // All the declared bytes are in: Python reads no further, and closing is no cancel.
    if (body.remaining <= 0) body.over = true;
  }
  return { kind: 'data', bytes: body.chunked ? chunk(next) : next };
}

function chunk(piece: Uint8Array): Uint8Array {
  const size = new TextEncoder().encode(`${piece.length.toString(16)}\r\n`);
  const framed = new Uint8Array(size.length + piece.length + 2);
  framed.set(size, 0);
  framed.set(piece, size.length);
  framed.set([13, 10], size.length + piece.length);
  return framed;
}

/** The status line and headers as the local mock server would send them. */
function headOf(
  response: Response,
  framing: Framing,
  target: Extract<Target, { kind: 'mock' }>,
): string {
  const lines = [
    `HTTP/1.1 ${response.status} ${response.statusText || statusText(response.status)}`,
  ];
  const requestOrigin = originOf(target.url);
  const length = framing.kind === 'chunked' ? null : framing.length;
  let lengthSent = false;
  for (const [name, value] of response.headers) {
    // The framing headers say how this body is sent; a route's own are replaced, in their place.
    if (name === 'transfer-encoding' && framing.kind !== 'chunked') continue;
    if (name === 'content-length') {
      if (length === null) continue;
      lines.push(`content-length: ${length}`);
      lengthSent = true;
      continue;
    }
    const shown = target.localHost
      ? localHeaderValue(name, value, requestOrigin, target.localHost)
      : value;
    lines.push(`${name}: ${shown.replace(/[\r\n]+/g, ' ')}`);
  }
  if (length !== null && !lengthSent) lines.push(`content-length: ${length}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
