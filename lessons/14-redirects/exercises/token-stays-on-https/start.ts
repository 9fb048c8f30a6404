// Exercise: token-stays-on-https. Keep the exports: the checks import them by these names.

/** A URL the client refuses: a base URL that is not https://, or an http:// URL elsewhere. */
export class InsecureUrlError extends Error {
  override name = 'InsecureUrlError';
}

/** An answer that is not 2xx. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}`);
  }
}

export interface ClientOptions {
  baseUrl: string; // must be https://, e.g. 'https://api.example.com'
  token: string; // sent as Authorization: Bearer <token>, to baseUrl's origin only
  timeoutMs?: number; // each request's limit, default 5000
}

export interface ApiClient {
  /** GET a path ('/me') or a full URL, and resolve with the JSON of a 2xx answer. */
  get(pathOrUrl: string): Promise<unknown>;
}

/**
 * - baseUrl not https://: throw InsecureUrlError at once.
 * - get(): Authorization only to baseUrl's origin; an http:// URL on baseUrl's host is
 *   upgraded to https:// first; any other http:// URL rejects with InsecureUrlError,
 *   without a request. Not 2xx: HttpError. Each request ends after timeoutMs.
 */
export function createClient(options: ClientOptions): ApiClient {
  // Your code here.
  throw new Error(`createClient(${options.baseUrl}) is not written yet`);
}
