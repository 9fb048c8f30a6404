import { API_HOST } from '../hosts';
import { empty, json, problem } from '../respond';
import type { Route } from '../route';
import { statusText } from '../status-text';

/** The statuses `fetch` and `requests` follow (300 and 304 are not redirects to them). */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
/** `/redirect/{n}` goes up to this many hops: past fetch's 20 and requests' 30. */
export const MAX_REDIRECT_HOPS = 50;

const group = 'Redirects';

/** `status_code` from the query: a redirect status, 302 when absent, or an error message. */
function redirectStatus(url: URL): number | string {
  const raw = url.searchParams.get('status_code');
  if (raw === null) return 302;
  const code = Number(raw);
  return (REDIRECT_STATUSES as readonly number[]).includes(code) && /^\d{3}$/.test(raw)
    ? code
    : `status_code must be one of ${REDIRECT_STATUSES.join(', ')}, got '${raw}'. Example: status_code=307.`;
}

/** A path on this host (`/anything`), or an absolute http(s) URL; null for anything else. */
function redirectTarget(raw: string | null): string | null {
  if (raw === null || raw === '') return null;
  if (raw.startsWith('/')) return raw.startsWith('//') ? null : raw;
  try {
    const target = new URL(raw);
    return target.protocol === 'https:' || target.protocol === 'http:' ? target.href : null;
  } catch {
    return null;
  }
}

/**
 * A redirect answer: `Location`, the status's reason phrase and a small JSON body that says where
 * (a client that follows the redirect never reads it). HEAD gets the headers only.
 */
function redirect(request: Request, status: number, location: string): Response {
  const headers = { Location: location };
  return request.method === 'HEAD'
    ? empty(status, headers)
    : json({ status, statusText: statusText(status), location }, status, headers);
}

function badRequest(detail: string, field: string, message: string): Response {
  return problem(400, { type: 'invalid-parameter', detail, errors: [{ field, message }] });
}

export const redirectRoutes: Route[] = [
  {
    id: 'redirect-to',
    group,
    method: 'ANY',
    host: API_HOST,
    path: '/redirect-to',
    description:
      'Answers any method with a redirect to url, with the status you choose: see what your client does with the method, the body and Authorization on the next hop. A url on api.github.com is another origin.',
    params: [
      {
        name: 'url',
        in: 'query',
        required: true,
        description:
          'Where to: a path on this host (/anything, /headers), or an absolute http(s) URL such as https://api.github.com/repos/python/cpython (another of the mock’s hosts: a cross-origin redirect). Sent back as-is in Location.',
      },
      {
        name: 'status_code',
        in: 'query',
        required: false,
        description: `${REDIRECT_STATUSES.join(', ')}. Default 302.`,
      },
    ],
    responses: [
      {
        status: 302,
        when: 'Location: url, with the status_code you asked for (301, 303, 307 and 308 alike); a JSON body naming it.',
      },
      {
        status: 400,
        when: 'url is missing, or neither a path nor an http(s) URL; or status_code is not a redirect status.',
      },
    ],
    example: { path: '/redirect-to?url=https://api.github.com/repos/python/cpython' },
    resolve({ request, url }) {
      const status = redirectStatus(url);
      if (typeof status === 'string') return badRequest(status, 'status_code', status);
      const target = redirectTarget(url.searchParams.get('url'));
      if (target === null) {
        return badRequest(
          `url must be a path on this host (/anything) or an http(s) URL, got '${url.searchParams.get('url') ?? ''}'. Example: /redirect-to?url=/anything&status_code=307.`,
          'url',
          'must be a path starting with / or an http(s) URL',
        );
      }
      return redirect(request, status, target);
    },
  },
  {
    id: 'redirect-chain',
    group,
    method: 'ANY',
    host: API_HOST,
    path: '/redirect/{n}',
    description:
      'A chain of n redirects, each to /redirect/{n-1} (a relative Location, the query kept), the last to /anything, which echoes the request that arrives: count the hops your client follows.',
    params: [
      {
        name: 'n',
        in: 'path',
        required: true,
        description: `Hops before /anything, 1 to ${MAX_REDIRECT_HOPS}. fetch follows at most 20, requests 30.`,
      },
      {
        name: 'status_code',
        in: 'query',
        required: false,
        description: `The status of every hop: ${REDIRECT_STATUSES.join(', ')}. Default 302.`,
      },
    ],
    responses: [
      {
        status: 302,
        when: 'Location: /redirect/{n-1}, or /anything from /redirect/1 (the query goes along).',
      },
      {
        status: 400,
        when: `n is not a whole number from 1 to ${MAX_REDIRECT_HOPS}, or status_code is not a redirect status.`,
      },
    ],
    example: { path: '/redirect/3' },
    resolve({ request, url, params }) {
      const raw = params.n ?? '';
      const hops = Number(raw);
      if (!/^\d+$/.test(raw) || hops < 1 || hops > MAX_REDIRECT_HOPS) {
        return badRequest(
          `n is the number of hops, 1 to ${MAX_REDIRECT_HOPS}, got '${raw}'. Example: /redirect/3.`,
          'n',
          `must be a whole number from 1 to ${MAX_REDIRECT_HOPS}`,
        );
      }
      const status = redirectStatus(url);
      if (typeof status === 'string') return badRequest(status, 'status_code', status);
      const next = hops === 1 ? '/anything' : `/redirect/${hops - 1}`;
      return redirect(request, status, `${next}${url.search}`);
    },
  },
];
