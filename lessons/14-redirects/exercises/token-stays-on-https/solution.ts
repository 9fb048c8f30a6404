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
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

export interface ApiClient {
  get(pathOrUrl: string): Promise<unknown>;
}

export function createClient(options: ClientOptions): ApiClient {
  const { token, timeoutMs = 5_000 } = options;
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:') {
    throw new InsecureUrlError(`The base URL must be https://, got ${base.origin}`);
  }
  return {
    async get(pathOrUrl) {
      const url = new URL(pathOrUrl, base);
      if (url.protocol === 'http:' && url.host === base.host) {
        url.protocol = 'https:'; // our own API serves HTTPS: ask there in the first place
      } else if (url.protocol !== 'https:') {
        throw new InsecureUrlError(`Refusing to send a request to ${url.origin}`);
      }
      const headers: Record<string, string> = {};
      // The token is for our own API: never for a link to another origin.
      if (url.origin === base.origin) headers.Authorization = `Bearer ${token}`;
      const response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new HttpError(response.status, response.url);
      }
      return response.json();
    },
  };
}
