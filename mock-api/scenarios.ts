/**
 * Failure modes ("Simulate" in the UI). A scenario applies on top of every endpoint, for every request
 * of a run; the dedicated endpoints (`/hang`, `/status/{code}`, ...) give deterministic examples instead.
 */
export interface Scenario {
  id: string;
  /** Short label for a picker. */
  label: string;
  /** One line for the UI: what every request does under this scenario. */
  description: string;
}

/** Seconds that the `rate-limited` and `unavailable` scenarios ask clients to wait (`Retry-After`). */
export const SCENARIO_RETRY_AFTER_SECONDS = 2;

/** Default delay of the `slow` scenario, in milliseconds. */
export const DEFAULT_SLOW_MS = 3000;

/**
 * The `flaky` scenario fails this share of requests (half with 503, half with a network failure), but
 * never more than `FLAKY_MAX_CONSECUTIVE_FAILURES` in a row, so a client with three retries always
 * gets through.
 */
export const FLAKY_FAILURE_RATE = 0.4;
export const FLAKY_MAX_CONSECUTIVE_FAILURES = 2;

export const scenarios = [
  { id: 'normal', label: 'Normal', description: 'Every endpoint answers as documented.' },
  {
    id: 'slow',
    label: 'Slow responses',
    description: 'Every response arrives after a delay (3 seconds by default).',
  },
  {
    id: 'hang',
    label: 'Hang',
    description: 'The server accepts every request and never answers, until the client gives up.',
  },
  {
    id: 'not-found',
    label: 'Not found (404)',
    description: 'Every request gets 404 Not Found, as if the URL were wrong.',
  },
  {
    id: 'rate-limited',
    label: 'Rate limited (429)',
    description: `Every request gets 429 Too Many Requests with Retry-After: ${SCENARIO_RETRY_AFTER_SECONDS}.`,
  },
  {
    id: 'rate-limited-date',
    label: 'Rate limited (429, date)',
    description: `Every request gets 429 Too Many Requests with Retry-After as an HTTP date ${SCENARIO_RETRY_AFTER_SECONDS} seconds ahead.`,
  },
  {
    id: 'server-error',
    label: 'Server error (500)',
    description: 'Every request gets 500 Internal Server Error.',
  },
  {
    id: 'unavailable',
    label: 'Unavailable (503)',
    description: `Every request gets 503 Service Unavailable with Retry-After: ${SCENARIO_RETRY_AFTER_SECONDS}.`,
  },
  {
    id: 'offline',
    label: 'Offline',
    description: 'Every request fails with a network error: no response at all.',
  },
  {
    id: 'flaky',
    label: 'Flaky',
    description:
      'About 4 in 10 requests fail (503 or a network error), never more than 2 in a row; the rest succeed.',
  },
] as const satisfies readonly Scenario[];

/** A scenario's id, derived from the list above so the two cannot drift apart. */
export type ScenarioId = (typeof scenarios)[number]['id'];

export function isScenarioId(value: string): value is ScenarioId {
  return scenarios.some((scenario) => scenario.id === value);
}
