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
import {
  emptyStream,
  framingOf,
  onTimeout,
  readBody,
  type Framing,
  type OpenBody,
} from './python-body.ts';
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
          body
            ? readBody(body, timeoutMs, parts.timeoutSignal)
            : Promise.resolve<BodyRead>({ kind: 'end' }),
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
    onTimeout(parts.timeoutSignal, timeoutMs, (reason) => {
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
