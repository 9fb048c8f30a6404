import { HttpResponse } from 'msw';
import { GITHUB_HOST } from './hosts';
import { isNullBodyStatus, statusText } from './status-text';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

type Headers = Record<string, string>;

/** A JSON response with the right `Content-Type` and reason phrase. */
export function json(body: unknown, status = 200, headers: Headers = {}): Response {
  return new HttpResponse(JSON.stringify(body, null, 2), {
    status,
    statusText: statusText(status),
    headers: { 'Content-Type': JSON_TYPE, ...headers },
  });
}

/** A response with no body (204, 304, a HEAD-like answer). */
export function empty(status: number, headers: Headers = {}): Response {
  return new HttpResponse(null, { status, statusText: statusText(status), headers });
}

/** One field's (or query parameter's) validation error, listed in a problem body. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemInit {
  /** Human explanation of this occurrence: what went wrong and how to fix it. */
  detail: string;
  /** Short slug for the problem type URI, e.g. `invalid-parameter`; defaults from the status. */
  type?: string;
  errors?: FieldError[];
  headers?: Headers;
}

/** An RFC 9457 problem details response: `type`, `title`, `status`, `detail`, and `errors` if any. */
export function problem(status: number, init: ProblemInit): Response {
  const title = statusText(status);
  const slug = init.type ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const body = {
    type: `https://api.example.com/problems/${slug}`,
    title,
    status,
    detail: init.detail,
    ...(init.errors ? { errors: init.errors } : {}),
  };
  return new HttpResponse(JSON.stringify(body, null, 2), {
    status,
    statusText: title,
    headers: { 'Content-Type': PROBLEM_TYPE, ...init.headers },
  });
}

/** GitHub's error shape: `{ message, documentation_url, status }` with a string status. */
export function githubError(
  status: number,
  documentationUrl = 'https://docs.github.com/rest',
  headers: Headers = {},
): Response {
  const message = statusText(status);
  return json(
    { message, documentation_url: documentationUrl, status: String(status) },
    status,
    headers,
  );
}

/** An error in the style of the host the request went to. */
export function hostError(
  url: URL,
  status: number,
  detail: string,
  headers: Headers = {},
): Response {
  if (isNullBodyStatus(status)) return empty(status, headers);
  return url.origin === GITHUB_HOST
    ? githubError(status, undefined, headers)
    : problem(status, { detail, headers });
}
