import { http, matchRequestUrl, type HttpHandler } from 'msw';
import { API_HOST, DOWN_HOST, GITHUB_HOST } from './hosts';
import { applyScenario } from './apply-scenario';
import { githubError, hostError, problem } from './respond';
import { toMswPath, type Route } from './route';
import { routes } from './routes';
import {
  consume,
  createState,
  nextRequestId,
  rateLimitHeaders,
  secondsUntilReset,
  type MockApiOptions,
  type MockState,
} from './state';

export interface MockApi {
  /** MSW request handlers for every endpoint, with the run's scenario applied to each request. */
  handlers: HttpHandler[];
}

/**
 * A fresh mock API: its own users, counters and rate-limit windows, seeded. Call it once per run (or
 * test); two calls never share state, and two calls with the same options answer identically.
 *
 * With msw's `getResponse(handlers, request)`, keep a reference to `request` until it settles:
 * undici links its signal to yours only weakly, so after a garbage collection an unreferenced
 * Request no longer passes your abort on, and `/hang` (or the `hang` scenario) never lets go.
 *
 * @example
 * const { handlers } = createMockApi({ scenario: 'flaky', seed: 7 });
 * const server = setupServer(...handlers); // msw/node
 */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  const state = createState(options);
  const handlers: HttpHandler[] = [];
  for (const route of routes) {
    for (const path of [route.path, ...(route.alsoMatches ?? [])]) {
      const method =
        route.method === 'ANY' ? 'all' : (route.method.toLowerCase() as Lowercase<Route['method']>);
      handlers.push(
        http[method as 'all'](route.host + toMswPath(path), ({ request, params }) =>
          answer(state, route, request, params as Record<string, string>),
        ),
      );
    }
  }
  handlers.push(
    http.all(`${API_HOST}/*`, ({ request }) => fallback(state, request, API_HOST)),
    http.all(`${GITHUB_HOST}/*`, ({ request }) => fallback(state, request, GITHUB_HOST)),
  );
  return { handlers };
}

/** Runs one request through the scenario, the host's rate limit and the route, then stamps headers. */
async function answer(
  state: MockState,
  route: Route,
  request: Request,
  params: Record<string, string>,
): Promise<Response> {
  const url = new URL(request.url);
  // An unreachable host has no server to be slow or to count requests: it fails before anything.
  if (route.host === DOWN_HOST) return route.resolve({ request, url, params, state });

  const requestId = nextRequestId(state);
  const budget = route.host === GITHUB_HOST ? state.githubBudget : state.apiBudget;
  let response = await applyScenario(state, request, url);
  if (!response) {
    const now = state.now();
    if (!consume(budget, now).allowed) {
      const wait = String(secondsUntilReset(budget, now));
      response = hostError(
        url,
        429,
        `This run has used all ${budget.limit} requests of its rate-limit window. Wait ${wait} s.`,
        {
          'Retry-After': wait,
        },
      );
    } else {
      try {
        response = await route.resolve({ request, url, params, state });
      } catch (error) {
        response = problem(500, {
          detail: `The mock API failed while answering ${request.method} ${url.pathname}: ${(error as Error).message}. This is a bug in the mock API, not in your code; please report it.`,
        });
      }
    }
  }
  if (response.type === 'error') return response;

  const headers = response.headers;
  headers.set('Date', new Date(state.now()).toUTCString());
  headers.set('X-Request-Id', requestId);
  // A route or scenario that describes its own limit (e.g. `/limited`) keeps its headers.
  for (const [name, value] of Object.entries(rateLimitHeaders(budget))) {
    if (!headers.has(name))
      headers.set(route.host === GITHUB_HOST ? name.toLowerCase() : name, value);
  }
  if (route.host === GITHUB_HOST) {
    headers.set('x-ratelimit-used', String(budget.used));
    headers.set('x-ratelimit-resource', 'core');
    headers.set('x-github-api-version-selected', '2022-11-28');
  }
  return response;
}

/** A route that answers any path of a host: 404, 405 with `Allow`, or a GET route for HEAD. */
async function fallback(
  state: MockState,
  request: Request,
  host: typeof API_HOST | typeof GITHUB_HOST,
): Promise<Response> {
  const url = new URL(request.url);
  const matching = routes.filter(
    (route) =>
      route.host === host &&
      [route.path, ...(route.alsoMatches ?? [])].some(
        (path) => matchRequestUrl(url, host + toMswPath(path)).matches,
      ),
  );
  if (request.method === 'HEAD') {
    const get = matching.find((route) => route.method === 'GET' || route.method === 'ANY');
    if (get) {
      const params = matchRequestUrl(url, host + toMswPath(get.path)).params as Record<
        string,
        string
      >;
      return answer(
        state,
        get,
        new Request(request.url, { headers: request.headers, signal: request.signal }),
        params,
      ).then((response) => (response.type === 'error' ? response : new Response(null, response)));
    }
  }
  const fallbackRoute: Route = {
    id: 'fallback',
    group: '',
    method: 'ANY',
    host,
    path: '/*',
    description: '',
    params: [],
    responses: [],
    example: { path: '/' },
    resolve() {
      if (matching.length > 0) {
        const allow = [...new Set(matching.map((route) => route.method))].join(', ');
        return host === GITHUB_HOST
          ? githubError(405, undefined, { Allow: allow })
          : problem(405, {
              detail: `${url.pathname} does not accept ${request.method}. It accepts: ${allow}.`,
              headers: { Allow: allow },
            });
      }
      return host === GITHUB_HOST
        ? githubError(404)
        : problem(404, {
            detail: `There is no endpoint at ${request.method} ${url.pathname}. The Mock API reference page lists every endpoint.`,
          });
    },
  };
  return answer(state, fallbackRoute, request, {});
}
