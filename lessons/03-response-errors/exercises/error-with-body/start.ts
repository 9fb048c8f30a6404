// Exercise: error-with-body. Keep both exports: the checks import them by these names.

/** A response whose status is not 2xx, with what the caller needs to react to it. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    readonly status: number,
    /** The error body: parsed JSON when it is JSON, otherwise the text as it came. */
    readonly body: unknown,
  ) {
    super(message);
  }
}

/**
 * GET `url` and resolve with its parsed JSON when the status is 2xx. Otherwise throw `HttpError`:
 * - `status`: the response's status;
 * - `body`: the error body, parsed as JSON if it is JSON, else the text (an HTML error page
 *   from a proxy must not turn into a SyntaxError);
 * - `message`: "HTTP <status> <statusText>", then ": <detail>" when the body is a JSON object
 *   with a string `detail` (an RFC 9457 problem, as this API sends).
 */
export async function getJson(url: string): Promise<unknown> {
  // Your code here.
  throw new Error(`getJson(${url}) is not written yet`);
}
