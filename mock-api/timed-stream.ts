/**
 * Bodies that arrive over time, for the streaming endpoints (`/stream/{n}`, `/sse`, `/drip`): pieces
 * on the mock's timers (the run clock's in the sandbox), then a clean end, a stall (the connection
 * stays open and nothing more comes) or a cut connection.
 */
import type { MockTimers } from './abortable';

/**
 * Set on a response whose body the route sends piece by piece although it declares a Content-Length
 * (a chunked body is streamed without it). Every host that passes responses on (the sandbox's fetch,
 * the local server) streams such a body as it is made and drops this header, so no client sees it.
 */
export const STREAMED_BODY_HEADER = 'x-mock-streamed-body';

/** Whether a host must pass this body on piece by piece: chunked, or marked as streamed. */
export function isStreamedBody(header: (name: string) => string | null): boolean {
  return header('transfer-encoding') === 'chunked' || header(STREAMED_BODY_HEADER) !== null;
}

/** How a timed body ends after its last piece. */
export type StreamEnd =
  /** The body is complete: the stream closes. */
  | 'close'
  /** Nothing more is sent, and the connection stays open until the client gives up. */
  | 'stall'
  /** The connection is cut one step after the last piece: the client's read fails. */
  | 'cut';

export interface TimedPieces {
  count: number;
  /** Milliseconds from the previous piece (from the start for piece 0, which should be 0). */
  waitBefore(index: number): number;
  bytes(index: number): Uint8Array;
  end: StreamEnd;
  /** For `cut`: how long after the last piece the connection drops. */
  cutAfterMs?: number;
}

/** The error a cut connection ends the body with (hosts turn it into their own network error). */
export class ConnectionCut extends Error {
  override name = 'ConnectionCut';
}

/**
 * A body stream made on demand: a piece is prepared only when the reader asks for one, so an unread
 * body (a HEAD, a client that stops reading) schedules nothing. When the request's signal aborts,
 * or the client cancels the body, the pending timer is cleared at once: nothing is left behind.
 */
export function timedStream(
  pieces: TimedPieces,
  timers: MockTimers,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  let index = 0;
  let timer: unknown;
  let wake: (() => void) | null = null;
  let stopped = false;
  let onAbort = () => {};
  const stop = () => {
    stopped = true;
    timers.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    wake?.();
    wake = null;
  };
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = timers.setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
    });

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onAbort = () => {
          if (stopped) return;
          stop();
          try {
            controller.error(signal?.reason);
          } catch {
            // Already closed or errored.
          }
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
      },
      async pull(controller) {
        if (stopped) return;
        if (index >= pieces.count) {
          if (pieces.end === 'close') {
            stop();
            return controller.close();
          }
          if (pieces.end === 'stall') return new Promise<void>(() => {}); // until abort or cancel
          await wait(pieces.cutAfterMs ?? 0);
          if (stopped) return;
          stop();
          return controller.error(new ConnectionCut('The mock API cut the connection mid-body.'));
        }
        const ms = pieces.waitBefore(index);
        if (ms > 0) await wait(ms);
        if (stopped) return;
        controller.enqueue(pieces.bytes(index));
        index += 1;
      },
      cancel() {
        stop();
      },
    },
    // One piece at a time: the next is prepared when the reader has taken this one.
    { highWaterMark: 0 },
  );
}
