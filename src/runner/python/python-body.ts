/**
 * A response body on its way to Python, read as from a socket: framed as the local mock server
 * frames it (chunked, within a declared Content-Length, or whole with its length counted), one
 * piece per read, each read waiting at most the read timeout on the run's clock.
 */
import type { BodyRead } from './python-protocol.ts';

/**
 * The prototype's method, not the signal's own: the run's timeout signals count an `abort`
 * listener of their own as a reason to keep the run alive, and a read timeout that was not needed
 * must not hold a finished program open (sandbox-fetch.ts listens the same way).
 */
const listen = EventTarget.prototype.addEventListener;

/** A response body Python is reading, piece by piece, as from a socket. */
export interface OpenBody {
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

/** Fires `then` when `ms` pass on the run's clock, without keeping the run alive for it. */
export function onTimeout(
  timeoutSignal: (ms: number) => AbortSignal,
  ms: number,
  then: (reason: unknown) => void,
): void {
  const signal = timeoutSignal(ms);
  listen.call(signal, 'abort', () => then(signal.reason), { once: true });
}

export function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

/**
 * How the local server frames the body (mock-api/server.ts): a body the route streams goes out as
 * it is made, chunked or within the Content-Length it declared; any other body whole, with its
 * length counted; a 204, a 304 and a HEAD without one.
 */
export type Framing =
  | { kind: 'none'; length: number | null }
  | { kind: 'chunked' }
  | { kind: 'declared'; length: number }
  | { kind: 'read'; length: number; pieces: Uint8Array[] };

export async function framingOf(response: Response, method: string): Promise<Framing> {
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
export async function readBody(
  body: OpenBody,
  timeoutMs: number | null,
  timeoutSignal: (ms: number) => AbortSignal,
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
      : new Promise<'timeout'>((resolve) =>
          onTimeout(timeoutSignal, timeoutMs, () => resolve('timeout')),
        );
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
  if (next.length === 0) return readBody(body, timeoutMs, timeoutSignal);
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
