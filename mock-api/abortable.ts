/**
 * Waiting that respects `request.signal`: when the client gives up, the timer is cleared at once, so
 * an aborted request leaves nothing scheduled behind it.
 */

/**
 * The timers the mock API waits on. The sandbox passes its run clock's, so that under a virtual clock a
 * `/delay/30` costs no real time; everywhere else they are the global ones.
 */
export interface MockTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export const globalTimers: MockTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts. */
export function sleep(timers: MockTimers, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      timers.clearTimeout(timer);
      resolve(false);
    };
    const timer = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Resolves when `signal` aborts, and never otherwise: a hanging server. No timer is created, so a
 * hang that nobody aborts keeps no process alive.
 */
export function waitForAbort(signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * `text` as a body stream in `pieces` parts: the first at once (so the headers go out with it: some
 * clients, msw's interceptor among them, resolve `fetch` only on the first byte of the body), the
 * rest evenly spaced, the last at `durationMs`. When the client aborts (or cancels the body), the next
 * timer is cleared at once.
 */
export function dripBody(
  text: string,
  durationMs: number,
  timers: MockTimers,
  signal?: AbortSignal,
  pieces = 10,
): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / pieces);
  let timer: unknown;
  let sent = 0;
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      stop = () => {
        timers.clearTimeout(timer);
        try {
          controller.error(signal?.reason);
        } catch {
          // Already closed or errored: nothing left to stop.
        }
      };
      const next = () => {
        controller.enqueue(bytes.slice(sent * size, (sent + 1) * size));
        sent += 1;
        if (sent < pieces) timer = timers.setTimeout(next, durationMs / (pieces - 1));
        else {
          signal?.removeEventListener('abort', stop);
          controller.close();
        }
      };
      if (signal?.aborted) return stop();
      signal?.addEventListener('abort', stop, { once: true });
      next();
    },
    cancel() {
      timers.clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    },
  });
}
