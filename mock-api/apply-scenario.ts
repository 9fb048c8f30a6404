import { HttpResponse } from 'msw';
import { assertNever } from './assert-never';
import { sleep, waitForAbort } from './abortable';
import { hostError } from './respond';
import {
  FLAKY_FAILURE_RATE,
  FLAKY_MAX_CONSECUTIVE_FAILURES,
  SCENARIO_RETRY_AFTER_SECONDS,
} from './scenarios';
import type { MockState } from './state';

/**
 * Applies the run's scenario to one request, before the endpoint sees it. Returns the response that
 * replaces the endpoint's answer, or undefined to let the endpoint answer (after a delay, for `slow`).
 */
export async function applyScenario(
  state: MockState,
  request: Request,
  url: URL,
): Promise<Response | undefined> {
  const retryAfter = String(SCENARIO_RETRY_AFTER_SECONDS);
  switch (state.scenario) {
    case 'normal':
      return undefined;
    case 'slow':
      return (await sleep(state.timers, state.slowMs, request.signal))
        ? undefined
        : HttpResponse.error();
    case 'hang':
      await waitForAbort(request.signal);
      return HttpResponse.error();
    case 'not-found':
      return hostError(
        url,
        404,
        `Simulated: the scenario "not-found" answers 404 for every URL, including ${url.pathname}.`,
      );
    case 'rate-limited':
      return hostError(
        url,
        429,
        `Simulated: the scenario "rate-limited" answers 429 to every request. Wait Retry-After (${retryAfter} s) before retrying.`,
        {
          'Retry-After': retryAfter,
          'X-RateLimit-Remaining': '0',
        },
      );
    case 'rate-limited-date': {
      // An HTTP date, rounded up to the whole second, so waiting until then is never too soon.
      const until = Math.ceil((state.now() + SCENARIO_RETRY_AFTER_SECONDS * 1000) / 1000) * 1000;
      const date = new Date(until).toUTCString();
      return hostError(
        url,
        429,
        `Simulated: the scenario "rate-limited-date" answers 429 to every request. Wait until ${date} (Retry-After) before retrying.`,
        { 'Retry-After': date, 'X-RateLimit-Remaining': '0' },
      );
    }
    case 'server-error':
      return hostError(
        url,
        500,
        'Simulated: the scenario "server-error" answers 500 to every request.',
      );
    case 'unavailable':
      return hostError(
        url,
        503,
        `Simulated: the scenario "unavailable" answers 503 to every request. Retry after ${retryAfter} s.`,
        {
          'Retry-After': retryAfter,
        },
      );
    case 'offline':
      return HttpResponse.error();
    case 'flaky':
      return flakyOutcome(state, url);
    default:
      return assertNever(state.scenario);
  }
}

/** One seeded draw per request, so a run's sequence of failures depends only on the seed. */
function flakyOutcome(state: MockState, url: URL): Response | undefined {
  const draw = state.flaky.next();
  if (state.flakyFailuresInARow >= FLAKY_MAX_CONSECUTIVE_FAILURES || draw >= FLAKY_FAILURE_RATE) {
    state.flakyFailuresInARow = 0;
    return undefined;
  }
  state.flakyFailuresInARow++;
  if (draw < FLAKY_FAILURE_RATE / 2) {
    return hostError(
      url,
      503,
      'Simulated: the scenario "flaky" failed this request. Retrying usually works.',
      {
        'Retry-After': '1',
      },
    );
  }
  return HttpResponse.error();
}
