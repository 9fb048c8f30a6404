// Exercise: log-and-parse. Keep both exports: the checks use them.

/** The body was not JSON. `text` is the raw body, so that the caller can see what came instead. */
export class BadJsonError extends Error {
  override name = 'BadJsonError';
  constructor(
    readonly status: number,
    readonly text: string,
  ) {
    super(`The ${status} answer is not JSON: ${text.slice(0, 60)}`);
  }
}

/**
 * Reads the body of `response` once: passes the raw text to `log` (one call), then resolves with
 * the parsed JSON. A body that is not JSON rejects with BadJsonError (the status and the raw text).
 */
export async function logAndParse(
  response: Response,
  log: (text: string) => void,
): Promise<unknown> {
  // Your code here.
  throw new Error(`logAndParse(a ${response.status} response, ${typeof log}) is not written yet`);
}
