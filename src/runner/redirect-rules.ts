/**
 * What `fetch` does with a redirect, step by step as the Fetch standard's "HTTP-redirect fetch"
 * says (https://fetch.spec.whatwg.org/#http-redirect-fetch), as plain data in and out: the sandbox's
 * fetch (sandbox-fetch.ts) asks it for the next hop of every redirect it follows, in the browser
 * and in Node alike. Checked against Chromium 156 and Node 24's fetch (undici 7).
 */
import type { HeaderList } from './protocol.ts';

/** The statuses `fetch` follows. A 300 or a 304 is handed over as it is, Location or not. */
export const REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

/** Redirects one `fetch` follows; the next one is a network error. */
export const MAX_REDIRECTS = 20;

/** Headers that describe a body, removed with it when a redirect turns the request into a GET. */
const REQUEST_BODY_HEADERS = new Set([
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
]);

/**
 * Removed when a redirect leaves the origin. The standard names `Authorization`; Node's fetch also
 * drops `Proxy-Authorization` and `Cookie`, which a browser never lets a page set at all.
 */
const CROSS_ORIGIN_DROPPED = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** One request of a chain: what the sandbox sends to the mock and logs as a Network row. */
export interface Hop {
  url: string;
  method: string;
  /** Names lower-cased, as `Headers` gives them. */
  headers: HeaderList;
  body: ArrayBuffer | null;
}

export type NextHop =
  | { kind: 'follow'; hop: Hop }
  /** A network error: fetch rejects with a TypeError; `reason` says why, for the Network row. */
  | { kind: 'fail'; reason: string };

export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.includes(status);
}

/**
 * The request that follows `current`'s redirect: `status` with `location` (the Location header's
 * value), after `followed` redirects already. `streamedBody` says the caller's body was a stream,
 * which cannot be sent twice.
 */
export function nextHop(
  current: Hop,
  status: number,
  location: string,
  followed: number,
  streamedBody = false,
): NextHop {
  let target: URL;
  try {
    target = new URL(location, current.url);
  } catch {
    return { kind: 'fail', reason: `The redirect's Location is not a URL: ${location}` };
  }
  // A Location without a fragment keeps the one the request had.
  const fragment = new URL(current.url).hash;
  if (target.hash === '' && fragment !== '') target.hash = fragment;
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    return {
      kind: 'fail',
      reason: `A redirect to a ${target.protocol} URL: fetch follows only http: and https:`,
    };
  }
  if (followed >= MAX_REDIRECTS) {
    return {
      kind: 'fail',
      reason: `Too many redirects: fetch follows at most ${MAX_REDIRECTS}, and this was redirect ${followed + 1}`,
    };
  }
  if (target.username !== '' || target.password !== '') {
    return {
      kind: 'fail',
      reason: 'A redirect to a URL with a user name or password in it (a CORS request refuses it)',
    };
  }
  if (status !== 303 && current.body !== null && streamedBody) {
    return {
      kind: 'fail',
      reason: `A ${status} asks to send the body again, and a stream body can be sent only once`,
    };
  }
  let { method, body } = current;
  let headers = current.headers;
  if (
    ((status === 301 || status === 302) && method === 'POST') ||
    (status === 303 && method !== 'GET' && method !== 'HEAD')
  ) {
    method = 'GET';
    body = null;
    headers = headers.filter(([name]) => !REQUEST_BODY_HEADERS.has(name.toLowerCase()));
  }
  if (target.origin !== new URL(current.url).origin) {
    headers = headers.filter(([name]) => !CROSS_ORIGIN_DROPPED.has(name.toLowerCase()));
  }
  return {
    kind: 'follow',
    hop: { url: target.href, method, headers, body: body === null ? null : body.slice(0) },
  };
}

/** A URL as `response.url` gives it: without its fragment. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
