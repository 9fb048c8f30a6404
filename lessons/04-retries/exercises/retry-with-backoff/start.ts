// Exercise: retry-with-backoff. Keep the export: the checks import it by this name.

/**
 * GET `url`, retrying what may succeed on a second try. The contract:
 * - at most `maxAttempts` GET requests in all (the first one included);
 * - retry after a network failure (fetch rejects) and after 429, 502, 503 and 504;
 * - before a retry, wait what `Retry-After` says when the response has one, in either form:
 *   seconds ("3") or an HTTP date ("Wed, 25 Nov 2026 07:28:03 GMT");
 *   otherwise back off exponentially, with full jitter as in lesson 4: a random wait between 0 and
 *   a ceiling of 1 s before the 2nd attempt, 2 s before the 3rd, 4 s before the 4th… (fixed waits
 *   of 1 s, 2 s, 4 s, or those plus a little jitter, pass too);
 * - never retry any other status: a 404 (or a 500) comes back at once;
 * - when the attempts run out, return the last response, or rethrow the last network error if
 *   there was no response.
 */
export async function getWithRetry(url: string, maxAttempts = 3): Promise<Response> {
  // Your code here.
  throw new Error(`getWithRetry(${url}, ${maxAttempts}) is not written yet`);
}
