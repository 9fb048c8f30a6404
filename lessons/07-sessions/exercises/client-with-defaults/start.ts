// Exercise: client-with-defaults. Keep the export: the checks import it by this name.

/**
 * Returns a function that fetches `path` (resolved against `baseUrl`) with
 * `Authorization: Bearer <token>` and the `defaults` headers on every request. The request's own
 * headers (`init.headers`, in any form fetch accepts) win over the defaults; every other option of
 * `init` (method, body, signal, ...) is passed on unchanged.
 */
export function createClient(
  baseUrl: string,
  token: string,
  defaults: HeadersInit = {},
): (path: string, init?: RequestInit) => Promise<Response> {
  // Your code here: return a function that merges the headers and calls fetch.
  throw new Error(
    `createClient(${baseUrl}, ${token.length}-character token, ${typeof defaults}) is not written yet`,
  );
}
