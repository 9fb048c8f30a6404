// Exercise: idle-timeout-under-a-deadline. Keep the exports: the checks import them by these names.

/** Rejected with when no piece of the body arrives for idleMs. */
export class IdleTimeoutError extends Error {
  override name = 'IdleTimeoutError';
}

/**
 * GET `url` and return its body as text.
 * - idleMs: the longest wait for the next piece of the body, from the headers on, restarted by
 *   every piece. Passed: stop reading and reject with IdleTimeoutError.
 * - totalMs: a deadline for the whole exchange, headers included. Passed: reject with the
 *   TimeoutError of AbortSignal.timeout(totalMs).
 */
export async function readText(url: string, idleMs: number, totalMs: number): Promise<string> {
  // Your code here.
  throw new Error(`readText(${url}, ${idleMs}, ${totalMs}) is not written yet`);
}
