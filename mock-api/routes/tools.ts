import { HttpResponse } from 'msw';
import { dripBody, sleep, waitForAbort } from '../abortable';
import { API_HOST } from '../hosts';
import { JSON_TYPE, empty, json, problem } from '../respond';
import type { Route } from '../route';
import { consume, rateLimitHeaders, secondsUntilReset, LIMITED_BUDGET } from '../state';
import { isNullBodyStatus, statusText } from '../status-text';

const host = API_HOST;
const group = 'Testing tools';
const MAX_DELAY_SECONDS = 60;
/** How many pieces /slow-body/{seconds} sends its body in. */
const SLOW_BODY_PIECES = 10;

/** Headers as a plain object with lower-case names, the way both fetch and Node report them. */
function headerObject(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].sort(([a], [b]) => a.localeCompare(b)));
}

/** Repeated query keys become arrays, like `?tag=a&tag=b` → `{ tag: ['a', 'b'] }`. */
function queryObject(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

export const toolRoutes: Route[] = [
  {
    id: 'status',
    group,
    method: 'ANY',
    host,
    path: '/status/{code}',
    description:
      'Answers with the status you ask for, with the headers that status implies (Retry-After, WWW-Authenticate).',
    params: [
      {
        name: 'code',
        in: 'path',
        required: true,
        description:
          'A status from 100 to 599. Over real HTTP (the local server) a 1xx cannot be a final answer, so 100–199 get 501 there.',
      },
    ],
    responses: [
      {
        status: 418,
        when: 'Whatever code you asked for: 2xx with a small JSON body, 4xx/5xx with a problem body.',
      },
      { status: 400, when: 'The code is not a whole number from 100 to 599.' },
    ],
    example: { path: '/status/418' },
    resolve({ params }) {
      const raw = params.code ?? '';
      const code = Number(raw);
      if (!/^\d{3}$/.test(raw) || code < 100 || code > 599) {
        return problem(400, {
          type: 'invalid-parameter',
          detail: `Status codes run from 100 to 599, got '${raw}'. Example: /status/503.`,
          errors: [{ field: 'code', message: 'must be a whole number from 100 to 599' }],
        });
      }
      const headers: Record<string, string> = {};
      if (code === 401) headers['WWW-Authenticate'] = 'Bearer realm="api.example.com"';
      if (code === 429 || code === 503) headers['Retry-After'] = '1';
      if (code === 405) headers.Allow = 'GET';
      if (isNullBodyStatus(code) || code < 200) return empty(code, headers);
      if (code >= 400) {
        return problem(code, { detail: `You asked for ${code} at /status/${code}.`, headers });
      }
      return json({ status: code, statusText: statusText(code) }, code, headers);
    },
  },
  {
    id: 'delay',
    group,
    method: 'ANY',
    host,
    path: '/delay/{seconds}',
    description:
      'Answers 200 after the given number of seconds; a client that aborts first frees it at once.',
    params: [
      {
        name: 'seconds',
        in: 'path',
        required: true,
        description: `0 to ${MAX_DELAY_SECONDS}; fractions allowed (0.5).`,
      },
    ],
    responses: [
      { status: 200, when: 'After the delay: the delay and the request echoed.' },
      { status: 400, when: `Not a number from 0 to ${MAX_DELAY_SECONDS}.` },
    ],
    example: { path: '/delay/0.2' },
    async resolve({ params, request, url, state }) {
      const raw = params.seconds ?? '';
      const seconds = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw) || seconds > MAX_DELAY_SECONDS) {
        return problem(400, {
          type: 'invalid-parameter',
          detail: `The delay must be a number of seconds from 0 to ${MAX_DELAY_SECONDS}, got '${raw}'. Example: /delay/2.`,
          errors: [
            { field: 'seconds', message: `must be a number from 0 to ${MAX_DELAY_SECONDS}` },
          ],
        });
      }
      if (!(await sleep(state.timers, seconds * 1000, request.signal))) return HttpResponse.error();
      return json({ delayed_seconds: seconds, method: request.method, url: url.href });
    },
  },
  {
    id: 'slow-body',
    group,
    method: 'ANY',
    host,
    path: '/slow-body/{seconds}',
    description:
      'Answers 200 and its headers at once, then drips the JSON body over the given seconds: a deadline that ends when the headers arrive does not cover it.',
    params: [
      {
        name: 'seconds',
        in: 'path',
        required: true,
        description: `0 to ${MAX_DELAY_SECONDS}; fractions allowed (2.5). The body arrives in ${SLOW_BODY_PIECES} pieces: the first with the headers, the rest evenly spaced, the last at the end.`,
      },
    ],
    responses: [
      {
        status: 200,
        when: 'At once, with Transfer-Encoding: chunked; the body is complete only after the delay.',
      },
      { status: 400, when: `Not a number from 0 to ${MAX_DELAY_SECONDS}.` },
    ],
    example: { path: '/slow-body/0.2' },
    resolve({ params, request, url, state }) {
      const raw = params.seconds ?? '';
      const seconds = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw) || seconds > MAX_DELAY_SECONDS) {
        return problem(400, {
          type: 'invalid-parameter',
          detail: `The body's delay must be a number of seconds from 0 to ${MAX_DELAY_SECONDS}, got '${raw}'. Example: /slow-body/2.`,
          errors: [
            { field: 'seconds', message: `must be a number from 0 to ${MAX_DELAY_SECONDS}` },
          ],
        });
      }
      const body = JSON.stringify({
        slow_body_seconds: seconds,
        pieces: SLOW_BODY_PIECES,
        method: request.method,
        url: url.href,
      });
      return new Response(
        dripBody(body, seconds * 1000, state.timers, request.signal, SLOW_BODY_PIECES),
        {
          status: 200,
          headers: { 'Content-Type': JSON_TYPE, 'Transfer-Encoding': 'chunked' },
        },
      );
    },
  },
  {
    id: 'hang',
    group,
    method: 'ANY',
    host,
    path: '/hang',
    description:
      'Never answers. Only a client-side timeout (AbortSignal.timeout, requests’ timeout=) gets you out.',
    params: [],
    responses: [
      {
        status: 0,
        when: 'No response, ever: the connection stays open until the client gives up.',
      },
    ],
    example: { path: '/hang' },
    async resolve({ request }) {
      await waitForAbort(request.signal);
      return HttpResponse.error();
    },
  },
  {
    id: 'flaky',
    group,
    method: 'ANY',
    host,
    path: '/flaky',
    description:
      'The first N calls in a run fail (503 with Retry-After: 1, or a network error), then every call succeeds.',
    params: [
      {
        name: 'fail',
        in: 'query',
        required: false,
        description: 'How many calls fail first, 0 to 100. Default 2.',
      },
      {
        name: 'mode',
        in: 'query',
        required: false,
        description: "'503' (default) or 'network' for a network failure.",
      },
    ],
    responses: [
      { status: 503, when: 'One of the first N calls of this run.' },
      { status: 200, when: 'Every later call; the body says which attempt it was.' },
    ],
    example: { path: '/flaky?fail=0' },
    resolve({ url, state }) {
      const fail = Number(url.searchParams.get('fail') ?? '2');
      const mode = url.searchParams.get('mode') ?? '503';
      if (
        !Number.isInteger(fail) ||
        fail < 0 ||
        fail > 100 ||
        (mode !== '503' && mode !== 'network')
      ) {
        return problem(400, {
          type: 'invalid-parameter',
          detail:
            'Use /flaky?fail=N with N from 0 to 100, and optionally mode=503 or mode=network.',
        });
      }
      const attempt = ++state.flakyEndpointCalls;
      if (attempt <= fail) {
        if (mode === 'network') return HttpResponse.error();
        return problem(503, {
          detail: `Attempt ${attempt} of this run fails on purpose (the first ${fail} do). Wait Retry-After seconds and try again.`,
          headers: { 'Retry-After': '1' },
        });
      }
      return json({ ok: true, attempt, failed_before_success: Math.min(fail, attempt - 1) });
    },
  },
  {
    id: 'limited',
    group,
    method: 'ANY',
    host,
    path: '/limited',
    description: `A small budget: ${LIMITED_BUDGET.limit} requests per ${LIMITED_BUDGET.windowMs / 1000} s window. Over it, 429 with Retry-After; waiting that long and retrying succeeds.`,
    params: [],
    responses: [
      { status: 200, when: 'Within the budget; X-RateLimit-Remaining says how many are left.' },
      { status: 429, when: 'Over the budget; Retry-After is the seconds until the window resets.' },
    ],
    example: { path: '/limited' },
    resolve({ state }) {
      const now = state.now();
      const { allowed } = consume(state.limited, now);
      const headers = rateLimitHeaders(state.limited);
      if (!allowed) {
        const wait = secondsUntilReset(state.limited, now);
        return problem(429, {
          type: 'rate-limited',
          detail: `${LIMITED_BUDGET.limit} requests per ${LIMITED_BUDGET.windowMs / 1000} seconds are allowed. Wait ${wait} s (Retry-After) before trying again.`,
          headers: { ...headers, 'Retry-After': String(wait) },
        });
      }
      return json({ ok: true, remaining: Number(headers['X-RateLimit-Remaining']) }, 200, headers);
    },
  },
  {
    id: 'headers',
    group,
    method: 'ANY',
    host,
    path: '/headers',
    description: 'Echoes the request headers back, so you can see what your client really sent.',
    params: [],
    responses: [{ status: 200, when: 'Always.' }],
    example: {
      path: '/headers',
      headers: { 'User-Agent': 'MyApp/1.0', Accept: 'application/json' },
    },
    resolve({ request }) {
      return json({ headers: headerObject(request.headers) });
    },
  },
  {
    id: 'anything',
    group,
    method: 'ANY',
    host,
    path: '/anything',
    alsoMatches: ['/anything/*'],
    description:
      'Echoes the method, URL, query, headers and body of any request (also /anything/any/path).',
    params: [],
    responses: [{ status: 200, when: 'Always.' }],
    example: { method: 'POST', path: '/anything?page=2&per_page=50', body: { name: 'Alice' } },
    async resolve({ request, url }) {
      const data =
        request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      let parsed: unknown = null;
      try {
        parsed = data ? JSON.parse(data) : null;
      } catch {
        // Not JSON: `data` still carries the raw text.
      }
      return json({
        method: request.method,
        url: url.href,
        path: url.pathname,
        query: queryObject(url),
        headers: headerObject(request.headers),
        data,
        json: parsed,
      });
    },
  },
  {
    id: 'broken-json',
    group,
    method: 'GET',
    host,
    path: '/broken-json',
    description:
      'Says 200 and application/json, then sends a truncated body: response.json() throws.',
    params: [],
    responses: [{ status: 200, when: 'Always, with a body that is not valid JSON.' }],
    example: { path: '/broken-json' },
    resolve() {
      const body = '{"id": 42, "name": "Hugo Kowalski", "email": "hugo.kowals';
      return new HttpResponse(body, {
        status: 200,
        statusText: 'OK',
        headers: { 'Content-Type': JSON_TYPE },
      });
    },
  },
  {
    id: 'html-error',
    group,
    method: 'ANY',
    host,
    path: '/html-error/{code}',
    description:
      'An HTML error page with the status you ask for, the way a proxy or load balancer answers when the API behind it is down: response.json() throws a SyntaxError.',
    params: [
      {
        name: 'code',
        in: 'path',
        required: true,
        description: 'An error status from 400 to 599, e.g. 502.',
      },
    ],
    responses: [
      { status: 502, when: 'Whatever code you asked for, with a text/html body.' },
      { status: 400, when: 'The code is not a whole number from 400 to 599 (a JSON problem).' },
    ],
    example: { path: '/html-error/502' },
    resolve({ params }) {
      const raw = params.code ?? '';
      const code = Number(raw);
      if (!/^\d{3}$/.test(raw) || code < 400 || code > 599) {
        return problem(400, {
          type: 'invalid-parameter',
          detail: `Error pages come in statuses from 400 to 599, got '${raw}'. Example: /html-error/502.`,
          errors: [{ field: 'code', message: 'must be a whole number from 400 to 599' }],
        });
      }
      // Shaped like nginx's default error page: what sits in front of many real APIs.
      const title = `${code} ${statusText(code)}`;
      const page = `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
      return new HttpResponse(page, {
        status: code,
        statusText: statusText(code),
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
    },
  },
  {
    id: 'unreachable',
    group,
    method: 'ANY',
    host,
    path: '/unreachable',
    description:
      'A network failure: no status, no headers. fetch rejects with TypeError; requests raises ConnectionError.',
    params: [],
    responses: [{ status: 0, when: 'Always: the connection is closed without a response.' }],
    example: { path: '/unreachable' },
    resolve() {
      return HttpResponse.error();
    },
  },
];
