/**
 * The sandbox's side of a Python run. The reader's Python runs in a worker of its own (Pyodide
 * cannot share a realm with the frozen built-ins of this one), and every request it makes arrives
 * here over the bridge, where it is sent with the run's own `fetch`: the same mock API, Network
 * rows, scenarios and clock as a TypeScript run, recorded where Python cannot reach.
 *
 * Python's code writes the URLs of the local mock server (`npm run mock-api`, 127.0.0.1:4010), as
 * the lessons do; they are answered by the host they stand for, and the links and locations in the
 * answer point back at the local server, exactly as that server would write them.
 */
import {
  localHeaderValue,
  virtualUrlFromLocalPath,
  LOCAL_ORIGIN,
} from '../../../mock-api/hosts.ts';
import { statusText } from '../../../mock-api/status-text.ts';
import { MOCK_ORIGINS } from '../sandbox-fetch.ts';
import type { BridgeAnswer, FromPython, PythonFailure, ToPython } from './python-protocol.ts';

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
  let waiting = 0;
  let finished = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));

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
        waiting += 1;
        parts.setTimer(() => {
          waiting -= 1;
          send({ type: 'woke', id });
        }, ms);
        return;
      }
      case 'request': {
        const id = Number(message.id);
        waiting += 1;
        void answer(message, parts).then((reply) => {
          waiting -= 1;
          if (!finished) send({ type: 'answer', id, answer: reply });
        });
        return;
      }
      case 'done':
        finished = true;
        if (message.error) parts.fail(checkedFailure(message.error));
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

async function answer(
  message: Extract<FromPython, { type: 'request' }>,
  parts: PythonHostParts,
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
  const signal = timeoutMs !== null && timeoutMs >= 0 ? parts.timeoutSignal(timeoutMs) : undefined;
  let response: Response;
  try {
    response = await parts.fetch(target.url, {
      method,
      headers,
      body:
        message.body && method !== 'GET' && method !== 'HEAD' ? new Uint8Array(message.body) : null,
      // requests follows redirects itself, by its own rules: the 3xx goes back to it as it is.
      redirect: 'manual',
      ...(signal ? { signal } : {}),
    });
  } catch {
    if (signal?.aborted) return { kind: 'timeout' };
    const reachable = MOCK_ORIGINS.includes(originOf(target.url));
    return reachable ? { kind: 'closed' } : { kind: 'unreachable' };
  }
  const { body, ending } = await readBody(response, signal);
  return {
    kind: 'response',
    head: new TextEncoder().encode(headOf(response, body.length, ending, target)),
    body,
    ending,
  };
}

/** The body as far as it came: all of it, or what arrived before the timeout or the cut. */
async function readBody(
  response: Response,
  signal: AbortSignal | undefined,
): Promise<{ body: Uint8Array; ending: 'complete' | 'timeout' | 'cut' }> {
  if (!response.body) return { body: new Uint8Array(0), ending: 'complete' };
  const pieces: Uint8Array[] = [];
  const reader = response.body.getReader();
  let ending: 'complete' | 'timeout' | 'cut' = 'complete';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push(value);
    }
  } catch {
    ending = signal?.aborted ? 'timeout' : 'cut';
  }
  const body = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    body.set(piece, offset);
    offset += piece.length;
  }
  return { body, ending };
}

/** The status line and headers as the local mock server would send them. */
function headOf(
  response: Response,
  length: number,
  ending: 'complete' | 'timeout' | 'cut',
  target: Extract<Target, { kind: 'mock' }>,
): string {
  const lines = [
    `HTTP/1.1 ${response.status} ${response.statusText || statusText(response.status)}`,
  ];
  const requestOrigin = originOf(target.url);
  const bodyless = response.status === 204 || response.status === 304;
  for (const [name, value] of response.headers) {
    // The whole body is here, so its length is known; a body that ended early keeps what the
    // server declared (or nothing), so the client sees it end too soon, as it would.
    if (name === 'transfer-encoding' || name === 'content-length') continue;
    const shown = target.localHost
      ? localHeaderValue(name, value, requestOrigin, target.localHost)
      : value;
    lines.push(`${name}: ${shown.replace(/[\r\n]+/g, ' ')}`);
  }
  const declared = response.headers.get('content-length');
  if (ending === 'complete' && !bodyless) lines.push(`content-length: ${length}`);
  else if (ending !== 'complete' && declared !== null) lines.push(`content-length: ${declared}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
