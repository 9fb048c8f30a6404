/**
 * Feedback from the trace: beyond a check's assertion text, what the learner's code actually did on
 * the network that explains the failure ("you retried a 404", "this request had no signal"). Pure:
 * it reads one judged check (its message, expected/actual and network rows) and names known mistakes.
 */
import type { NetworkEntry } from '../runner/run-record.ts';
import type { TestResult } from './judge.ts';

export type MistakeId =
  | 'no-signal'
  | 'retried-client-error'
  | 'retried-unretryable-status'
  | 'gave-up-on-network-failure'
  | 'left-request-open'
  | 'ignored-retry-after'
  | 'no-backoff'
  | 'insecure-http'
  | 'ignored-error-status'
  | 'parsed-error-page'
  | 'parsed-empty-body'
  | 'not-modified-as-error'
  | 'plain-error'
  | 'body-read-twice'
  | 'no-authorization';

export interface Feedback {
  id: MistakeId;
  message: string;
}

/** Statuses worth another try; every other 4xx will come back the same. */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
/** Closer than this after a failure is "at once", not a wait. */
const NO_WAIT_MS = 100;
/** What a second read of a body throws: undici (Node) and Chromium say it differently. */
const BODY_USED =
  /Body is unusable|body stream already read|Body has already been (read|consumed)/i;
/** What a check says when it counted the requests made for one status: "requests made for a 500". */
const REQUESTS_FOR_STATUS = /requests made for a (\d{3})\b/;
/** The learner's code gave up with fetch's own network error instead of retrying it. */
const THREW_NETWORK_ERROR = /threw TypeError: (Failed to fetch|fetch failed)/;
/** A check that compared the Authorization header a request carried and found none. */
const AUTHORIZATION_CHECKED = /\bAuthorization header\b/i;

function path(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms) / 1000} s`;
}

/** Each request that repeats an earlier one (same method and URL), with the one before it. */
function repeats(rows: NetworkEntry[]): [NetworkEntry, NetworkEntry][] {
  const pairs: [NetworkEntry, NetworkEntry][] = [];
  rows.forEach((row, index) => {
    const before = rows
      .slice(0, index)
      .reverse()
      .find((earlier) => earlier.method === row.method && earlier.url === row.url);
    if (before) pairs.push([before, row]);
  });
  return pairs;
}

export function traceFeedback(test: TestResult): Feedback[] {
  if (test.status !== 'fail') return [];
  const rows = test.network ?? [];
  const found: Feedback[] = [];
  // What the check said, without the value it got (", but it was …"): rules that read the message
  // mean the check's words or the learner's thrown error; the value is in `test.actual`.
  const said = (test.message ?? '').replace(/, but it (was|returned) [\s\S]*$/, '');
  const add = (id: MistakeId, message: string) => {
    if (!found.some((entry) => entry.id === id)) found.push({ id, message });
  };

  if (said.includes('has no signal')) {
    add(
      'no-signal',
      'This request had no signal, so your timeout never fired: pass `signal: AbortSignal.timeout(ms)` to `fetch`.',
    );
  }
  const pairs = repeats(rows);
  const notRetried = Number(REQUESTS_FOR_STATUS.exec(said)?.[1] ?? NaN);
  for (const [before, again] of pairs) {
    const gap = again.startMs - (before.endMs ?? before.startMs);
    if (before.status === notRetried && before.status >= 500) {
      // The check counts the requests for a server error this exercise never retries (a 500).
      add(
        'retried-unretryable-status',
        `You retried a ${before.status} (${before.method} ${path(before.url)}), and this check wants it returned at once: a ${before.status} is the server failing on this very request, so the same request will most likely fail again. Retry only what a later try can fix (network failures, 429, 502, 503, 504) and return every other status.`,
      );
    } else if (before.status !== null && before.status >= 400 && !RETRYABLE.has(before.status)) {
      add(
        'retried-client-error',
        `You retried a ${before.status} (${before.method} ${path(before.url)}): a client error comes back the same every time, so return or throw at once.`,
      );
    } else if (before.status === 429 || before.status === 503) {
      if (gap < 1000) {
        add(
          'ignored-retry-after',
          `You retried ${seconds(gap)} after a ${before.status}: read its \`Retry-After\` header and wait that long first.`,
        );
      }
    } else if (gap < NO_WAIT_MS && (before.status === null || RETRYABLE.has(before.status))) {
      add(
        'no-backoff',
        `You retried ${path(before.url)} ${seconds(gap)} after attempt ${before.attempt} failed: back off (wait 1 s, then 2 s, 4 s…) between attempts.`,
      );
    }
  }
  const lastFailure = rows.at(-1);
  const fewerThanWanted =
    /\brequests made\b/.test(said) && Number(test.actual) < Number(test.expected);
  if (
    lastFailure?.outcome === 'failed' &&
    !pairs.some(([, again]) => again === lastFailure) &&
    (THREW_NETWORK_ERROR.test(said) || fewerThanWanted)
  ) {
    add(
      'gave-up-on-network-failure',
      `Your code gave up after one network failure (${lastFailure.method} ${path(lastFailure.url)}): no response came, so \`fetch\` rejected with a TypeError. A network failure is worth another try: catch that error, back off, and try again while attempts remain.`,
    );
  }
  // The run record marks a request that never ended by its missing end (outcome stays 'ok').
  const open = rows.find((row) => row.endMs === null && row.status === null);
  if (open && /\boutcome\b/.test(said) && test.actual === '"pending"') {
    add(
      'left-request-open',
      `Your code stopped waiting, but the request (${open.method} ${path(open.url)}) was still open: nothing cancelled it. Pass the same signal to \`fetch\` (\`signal: AbortSignal.timeout(ms)\`), so that giving up also ends the request.`,
    );
  }
  const insecure = rows.find((row) => row.url.startsWith('http://'));
  if (insecure) {
    add(
      'insecure-http',
      `The request went to ${insecure.url}, http:// instead of https://: the API only answers over HTTPS.`,
    );
  }
  const failedStatus = rows.find((row) => row.status !== null && row.status >= 400);
  if (failedStatus && /SyntaxError|not valid JSON|Unexpected token/.test(said)) {
    add(
      'ignored-error-status',
      `You parsed the body of a ${failedStatus.status} as JSON before checking \`response.ok\`: check the status first.`,
    );
  } else if (failedStatus && /to throw( an error)?, but it returned/.test(test.message ?? '')) {
    add(
      'ignored-error-status',
      `The answer was a ${failedStatus.status}, yet your code returned as if it had succeeded: check \`response.ok\` (or the status) before reading the body.`,
    );
  }
  if (BODY_USED.test(said)) {
    const answered = rows.filter((row) => row.status !== null).at(-1);
    const which = answered ? ` of ${answered.method} ${path(answered.url)}` : '';
    add(
      'body-read-twice',
      `You read the body${which} twice: a body is a stream that can be read only once. Read it once (\`const text = await response.text()\`) and parse that text, or \`clone()\` the response before the first read.`,
    );
  }
  if (AUTHORIZATION_CHECKED.test(said) && (test.actual === 'undefined' || test.actual === 'null')) {
    add(
      'no-authorization',
      "No `Authorization` header was sent, so the API cannot tell who is calling (it answers 401): send `Authorization: Bearer <token>` in the request's headers.",
    );
  }
  // The check caught the SyntaxError as the error it got: the status was checked, the page was not JSON.
  if (failedStatus && /SyntaxError/.test(test.actual ?? '')) {
    add(
      'parsed-error-page',
      `The body of the ${failedStatus.status} was not JSON (an HTML error page, say), so \`response.json()\` threw a SyntaxError: read an error body with \`response.text()\` and parse it inside try/catch, keeping the text if it fails.`,
    );
  }
  const empty = rows.find((row) => row.status === 204 || row.status === 205);
  const notModified = rows.find((row) => row.status === 304);
  const parsedNothing = /SyntaxError|Unexpected end of JSON/.test(
    `${test.message} ${test.actual ?? ''}`,
  );
  if (empty && parsedNothing) {
    add(
      'parsed-empty-body',
      `The ${empty.status} answer to ${empty.method} ${path(empty.url)} has no body, so \`response.json()\` threw: check for ${empty.status} (or read \`response.text()\` and parse only a non-empty one).`,
    );
  } else if (notModified && parsedNothing) {
    add(
      'parsed-empty-body',
      `The 304 Not Modified answer to ${notModified.method} ${path(notModified.url)} has no body, so \`response.json()\` threw: a 304 says "the copy you have is still current", so check for 304 first and use the body you stored with that ETag.`,
    );
  } else if (notModified && /\bthrew\b.*\b304\b/.test(said)) {
    add(
      'not-modified-as-error',
      `Your code threw on the 304 Not Modified answer to ${notModified.method} ${path(notModified.url)}: it is the answer to your If-None-Match ("nothing changed"), not an error. \`response.ok\` is false for it (only 200 to 299 are ok), so check \`response.status === 304\` before \`ok\`, and use the body you stored.`,
    );
  }
  if (
    rows.length > 0 &&
    test.actual === '"Error"' &&
    test.expected &&
    test.expected !== '"Error"'
  ) {
    add(
      'plain-error',
      `You threw a plain Error where the caller needs ${test.expected.replace(/"/g, '')}: throw the specific class so callers can tell failures apart.`,
    );
  }
  return found;
}
