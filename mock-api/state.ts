import { globalTimers, type MockTimers } from './abortable';
import { DEFAULT_SEED } from './seed';
import { seedUsers, type User } from './data/users';
import { createRandom, type Random } from './random';
import { DEFAULT_SLOW_MS, isScenarioId, scenarios, type ScenarioId } from './scenarios';

/** Options for one run of the mock API. */
export interface MockApiOptions {
  /**
   * Failure mode applied on top of every request.
   * @default 'normal'
   */
  scenario?: ScenarioId;
  /**
   * Seed for everything random in a run (the `flaky` scenario, request ids). Same seed, same answers.
   * @default 1
   */
  seed?: number;
  /**
   * Delay of the `slow` scenario, in milliseconds.
   * @default 3000
   */
  slowMs?: number;
  /**
   * The clock, in epoch milliseconds; rate-limit windows, `Date` headers and new users read it.
   * Tests pass a fake one to step past a `Retry-After` without waiting.
   * @default Date.now
   */
  now?: () => number;
  /**
   * The timers that delays (`slow`, `/delay/{seconds}`) wait on; pass a virtual clock's with `now`.
   * @default the global setTimeout and clearTimeout
   */
  timers?: MockTimers;
}

/** A fixed-window request budget. */
export interface RateWindow {
  limit: number;
  windowMs: number;
  startedAt: number;
  used: number;
}

/** Everything a run can change. Created fresh for every `createMockApi` call; nothing is shared. */
export interface MockState {
  scenario: ScenarioId;
  seed: number;
  slowMs: number;
  now: () => number;
  timers: MockTimers;
  users: Map<number, User>;
  nextUserId: number;
  /** Draws request ids; separate from `flaky` so adding a request id never shifts the failures. */
  ids: Random;
  flaky: Random;
  flakyFailuresInARow: number;
  /** Calls to `/flaky` so far in this run. */
  flakyEndpointCalls: number;
  limited: RateWindow;
  apiBudget: RateWindow;
  githubBudget: RateWindow;
}

export { DEFAULT_SEED };

/** `/limited` allows this many requests per window. */
export const LIMITED_BUDGET = { limit: 5, windowMs: 10_000 };
/** The whole of api.example.com allows this many requests per window (a runaway loop hits it). */
export const API_BUDGET = { limit: 1000, windowMs: 60_000 };
/** api.github.com's budget, as GitHub gives an authenticated client. */
export const GITHUB_BUDGET = { limit: 5000, windowMs: 3_600_000 };

export function createState(options: MockApiOptions = {}): MockState {
  // Callers from plain JS or frontmatter can pass any string; fail loudly rather than act "normal".
  if (options.scenario !== undefined && !isScenarioId(options.scenario)) {
    throw new Error(
      `Unknown mock API scenario "${String(options.scenario)}". Use one of: ${scenarios.map((scenario) => scenario.id).join(', ')}.`,
    );
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now;
  const window = (budget: { limit: number; windowMs: number }): RateWindow => ({
    ...budget,
    startedAt: now(),
    used: 0,
  });
  return {
    scenario: options.scenario ?? 'normal',
    seed,
    slowMs: options.slowMs ?? DEFAULT_SLOW_MS,
    now,
    timers: options.timers ?? globalTimers,
    users: new Map(seedUsers.map((user) => [user.id, { ...user }])),
    nextUserId: seedUsers.length + 1,
    ids: createRandom(seed ^ 0x5eed1d),
    flaky: createRandom(seed),
    flakyFailuresInARow: 0,
    flakyEndpointCalls: 0,
    limited: window(LIMITED_BUDGET),
    apiBudget: window(API_BUDGET),
    githubBudget: window(GITHUB_BUDGET),
  };
}

/** Counts one request against a window, starting a new window when the old one has run out. */
export function consume(window: RateWindow, now: number): { allowed: boolean } {
  if (now >= window.startedAt + window.windowMs) {
    window.startedAt = now;
    window.used = 0;
  }
  if (window.used >= window.limit) return { allowed: false };
  window.used++;
  return { allowed: true };
}

/** The `X-RateLimit-*` view of a window; `Reset` is in epoch seconds, as GitHub sends it. */
export function rateLimitHeaders(window: RateWindow): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(window.limit),
    'X-RateLimit-Remaining': String(Math.max(0, window.limit - window.used)),
    'X-RateLimit-Reset': String(Math.ceil((window.startedAt + window.windowMs) / 1000)),
  };
}

/** Whole seconds until a window resets, at least 1: the `Retry-After` a client should honour. */
export function secondsUntilReset(window: RateWindow, now: number): number {
  return Math.max(1, Math.ceil((window.startedAt + window.windowMs - now) / 1000));
}

/** A request id like `req_3f9a0c1b2d4e5f60`, drawn from the run's seed. */
export function nextRequestId(state: MockState): string {
  const part = () => state.ids.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return `req_${part()}${part()}`;
}
