// Exercise: abortable-sleep. Keep the export: the checks import it by this name.

/**
 * Wait `ms` milliseconds, unless `signal` aborts first.
 * - Without a signal, or if it never aborts: resolve after `ms`.
 * - If `signal` aborts during the wait: reject at once with `signal.reason` (whatever it is:
 *   a `TimeoutError`, an `AbortError`, or the caller's own reason), and clear the timer.
 * - If `signal` has already aborted when `sleep` is called: reject at once, with no wait.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  // Your code here.
  return Promise.reject(
    new Error(`sleep(${ms}, ${signal ? 'signal' : 'no signal'}) is not written yet`),
  );
}
