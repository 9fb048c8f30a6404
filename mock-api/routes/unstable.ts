import { API_HOST } from '../hosts';
import { json, problem } from '../respond';
import type { Route } from '../route';
import type { MockState } from '../state';

const MAX_RETRY_AFTER_SECONDS = 3600;

/**
 * Calls to `/unstable` so far, per run. Kept beside the run's state (a WeakMap, so it ends with the
 * run) rather than in MockState, like the idempotency keys of POST /users.
 */
const callsByRun = new WeakMap<MockState, number>();

/**
 * `Retry-After` as an HTTP date `seconds` from now. HTTP dates carry whole seconds, so the date is
 * rounded up: a client that waits until it waits at least `seconds`, never less.
 */
function retryAfterDate(now: number, seconds: number): string {
  return new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000).toUTCString();
}

export const unstableRoutes: Route[] = [
  {
    id: 'unstable',
    group: 'Testing tools',
    method: 'ANY',
    host: API_HOST,
    path: '/unstable',
    description:
      'The first N calls in a run answer the error status you choose, with Retry-After in seconds, as an HTTP date or not at all; every later call succeeds.',
    params: [
      {
        name: 'fail',
        in: 'query',
        required: false,
        description: 'How many calls fail first, 0 to 100. Default 2.',
      },
      {
        name: 'status',
        in: 'query',
        required: false,
        description: 'The status of a failing call, 400 to 599. Default 503.',
      },
      {
        name: 'retry_after',
        in: 'query',
        required: false,
        description: `Seconds a failing call asks the client to wait, 0 to ${MAX_RETRY_AFTER_SECONDS}. Left out: no Retry-After header.`,
      },
      {
        name: 'retry_after_form',
        in: 'query',
        required: false,
        description:
          "'seconds' (default, Retry-After: 3), 'date' (an HTTP date that many seconds ahead, Retry-After: Wed, 25 Nov 2026 07:28:03 GMT) or 'decimal' (Retry-After: 3.5, which is not valid HTTP: a client should ignore it and use its own backoff).",
      },
    ],
    responses: [
      { status: 503, when: 'One of the first N calls of this run: the status you asked for.' },
      { status: 200, when: 'Every later call; the body says which attempt it was.' },
      { status: 400, when: 'A query parameter has a bad value.' },
    ],
    example: { path: '/unstable?fail=1&retry_after=2&retry_after_form=date' },
    resolve({ url, state }) {
      const query = url.searchParams;
      const fail = Number(query.get('fail') ?? '2');
      const status = Number(query.get('status') ?? '503');
      const retryAfterRaw = query.get('retry_after');
      const retryAfter = retryAfterRaw === null ? null : Number(retryAfterRaw);
      const form = query.get('retry_after_form') ?? 'seconds';
      if (
        !Number.isInteger(fail) ||
        fail < 0 ||
        fail > 100 ||
        !Number.isInteger(status) ||
        status < 400 ||
        status > 599 ||
        (retryAfter !== null &&
          (!/^\d+$/.test(retryAfterRaw!) || retryAfter > MAX_RETRY_AFTER_SECONDS)) ||
        (form !== 'seconds' && form !== 'date' && form !== 'decimal')
      ) {
        return problem(400, {
          type: 'invalid-parameter',
          detail: `Use /unstable?fail=N (0 to 100) with optional status (400 to 599), retry_after (whole seconds, 0 to ${MAX_RETRY_AFTER_SECONDS}) and retry_after_form (seconds, date or decimal). Example: /unstable?fail=1&status=429&retry_after=2&retry_after_form=date.`,
        });
      }
      const attempt = (callsByRun.get(state) ?? 0) + 1;
      callsByRun.set(state, attempt);
      if (attempt <= fail) {
        const headers: Record<string, string> = {};
        if (retryAfter !== null) {
          headers['Retry-After'] =
            form === 'date'
              ? retryAfterDate(state.now(), retryAfter)
              : form === 'decimal'
                ? `${retryAfter}.5` // malformed on purpose: Retry-After takes whole seconds only
                : String(retryAfter);
        }
        return problem(status, {
          detail: `Attempt ${attempt} of this run fails on purpose (the first ${fail} do).${retryAfter === null ? '' : ' Wait Retry-After before trying again.'}`,
          headers,
        });
      }
      return json({ ok: true, attempt, failed_before_success: Math.min(fail, attempt - 1) });
    },
  },
];
