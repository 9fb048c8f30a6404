/** More redirects came than `maxRedirects` allows. */
export class TooManyRedirectsError extends Error {
  override name = 'TooManyRedirectsError';
  constructor(
    readonly url: string,
    readonly maxRedirects: number,
  ) {
    super(`More than ${maxRedirects} redirects, the last from ${url}`);
  }
}

export interface FollowOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  maxRedirects?: number;
  signal?: AbortSignal;
  onRedirect?: (from: string, status: number, to: string) => void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function followRedirects(url: string, options: FollowOptions = {}): Promise<Response> {
  const { maxRedirects = 5, signal, onRedirect } = options;
  let method = (options.method ?? 'GET').toUpperCase();
  let body = options.body;
  const headers = new Headers(options.headers); // our own copy: we change it
  let current = url;
  for (let followed = 0; ; followed++) {
    const response = await fetch(current, {
      method,
      headers,
      body,
      signal,
      redirect: 'manual',
    });
    const location = response.headers.get('Location');
    if (!REDIRECTS.has(response.status) || location === null) return response;
    if (followed === maxRedirects) {
      await response.body?.cancel();
      throw new TooManyRedirectsError(current, maxRedirects);
    }
    const next = new URL(location, current).href;
    await response.body?.cancel(); // not read: free the connection
    const { status } = response;
    if (
      (status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ((status === 301 || status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
      headers.delete('Content-Type');
    }
    // The token was for the origin it was sent to: never for another one.
    if (new URL(next).origin !== new URL(current).origin) headers.delete('Authorization');
    onRedirect?.(current, status, next);
    current = next;
  }
}
