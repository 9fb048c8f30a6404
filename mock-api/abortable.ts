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
