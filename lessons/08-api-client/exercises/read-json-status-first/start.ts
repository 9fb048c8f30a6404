// Exercise: read-json-status-first. Keep both exports: the checks use them.

/** Thrown for every answer that is not 2xx. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    /** The parsed body, or its text when it is not JSON. */
    readonly body: unknown,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}`);
  }
}

/**
 * The value of `response`, status first:
 * - not 2xx: throw HttpError with the status, the body (parsed JSON, or the text) and the URL;
 * - 2xx with an empty body: resolve `undefined`;
 * - 2xx otherwise: resolve the parsed JSON (a body that is not JSON rejects with a SyntaxError).
 */
export async function readJson<T>(response: Response): Promise<T | undefined> {
  // Your code here.
  throw new Error(`readJson(the ${response.status} from ${response.url}) is not written yet`);
}
