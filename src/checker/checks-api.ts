/**
 * The API an exercise's `checks.ts` imports as `course:checks`. It runs inside the sandbox, beside the
 * learner's module, on the virtual clock; the runtime hands each check the learner's exports, the
 * run's network log and the clock.
 *
 * @example
 * import { check, expect } from 'course:checks';
 * export default [
 *   check({ name: 'throws UserNotFoundError on 404', points: 1 }, async ({ learner }) => {
 *     const error = await expect.rejection(() => learner.fetchUser(99999));
 *     expect(error.name, 'error.name').toBe('UserNotFoundError');
 *   }),
 * ];
 */
// Type-only: erased when the checks module is bundled, so `course:checks` stays self-contained.
import type {
  CheckedRequest,
  CheckRunContext,
  ExpectedWait,
  RunnableCheck,
} from '../runner/check-contract.ts';

/** One request the learner's code made (method, url, headers, body, status, outcome, times). */
export type { CheckedRequest, ExpectedWait };

/** What a check gets: `learner` (the learner's exports), `network()` and `clock.now()`. */
export type CheckContext = CheckRunContext;

export interface CheckOptions {
  /** Shown to the learner: what the check wants, e.g. "retries a 503 after Retry-After". */
  name: string;
  /**
   * Points this check is worth.
   * @default 1
   */
  points?: number;
  /**
   * The mock API scenario for every request of this check.
   * @default 'normal'
   */
  scenario?: string;
  /**
   * Seed for the mock API's random choices.
   * @default 1
   */
  seed?: number;
  /**
   * Waits the check expects between attempts, drawn on the timeline of its result beside the waits
   * the learner's code made ("waited 1.00 s · expected 3.00 s to 4.00 s"). They explain; the check's
   * own expectations judge.
   * @example [{ attempt: 2, minMs: 3000, maxMs: 4000, reason: 'Retry-After: 3' }]
   */
  expectedWaits?: ExpectedWait[];
}

export interface Check extends Required<Omit<CheckOptions, 'expectedWaits'>>, RunnableCheck {
  run(context: CheckContext): Promise<void> | void;
}

export function check(options: CheckOptions, run: Check['run']): Check {
  return { points: 1, scenario: 'normal', seed: 1, ...options, run };
}

/** A failed expectation: what the check wanted and what it got, as text. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
  constructor(
    message: string,
    readonly expected?: string,
    readonly actual?: string,
  ) {
    super(message);
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/**
 * A pattern in words, for a learner who did not write it: `/^(a|b)$/` is `"a" or "b"`, `/^abc/` is
 * `starting with "abc"`; any other pattern is named as one ("matching the pattern /x+/").
 */
export function describePattern(pattern: RegExp): string {
  const literal = /^[\w ,.:;'"@%=+/-]*$/;
  const words = (alternatives: string[]) => {
    const quoted = alternatives.map((alternative) => JSON.stringify(alternative));
    return quoted.length === 1
      ? quoted[0]!
      : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)!}`;
  };
  const source = pattern.source.replace(/\\\//g, '/'); // `\/` is a plain slash
  const whole = /^\^\(?(?:\?:)?([^()]*?)\)?\$$/.exec(source);
  if (whole && whole[1]!.split('|').every((part) => literal.test(part))) {
    return words(whole[1]!.split('|'));
  }
  const start = /^\^([^|()]*)$/.exec(source);
  if (start && literal.test(start[1]!)) return `something starting with ${words([start[1]!])}`;
  if (literal.test(source)) return `something containing ${words([source])}`;
  return `something matching the pattern ${String(pattern)}`;
}

/**
 * Assertions that say expected vs actual, as a sentence about the learner's program: "Expected
 * error.name to be "TimeoutError", but it was "AbortError"." `label` names the value.
 */
export function expect(actual: unknown, label = 'value') {
  const fail = (wanted: string, expected: string): never => {
    throw new CheckFailure(
      `Expected ${label} ${wanted}, but it was ${show(actual)}.`,
      expected,
      show(actual),
    );
  };
  return {
    toBe(expected: unknown) {
      if (!Object.is(actual, expected)) fail(`to be ${show(expected)}`, show(expected));
    },
    toEqual(expected: unknown) {
      if (!equal(actual, expected)) fail(`to equal ${show(expected)}`, show(expected));
    },
    toContain(part: string) {
      if (typeof actual !== 'string' || !actual.includes(part))
        fail(`to contain ${show(part)}`, `text containing ${show(part)}`);
    },
    toMatch(pattern: RegExp) {
      if (typeof actual !== 'string' || !pattern.test(actual)) {
        const described = describePattern(pattern);
        fail(`to be ${described}`, described);
      }
    },
    toBeLessThanOrEqual(limit: number) {
      if (!(typeof actual === 'number' && actual <= limit))
        fail(`to be at most ${limit}`, `at most ${limit}`);
    },
    toBeGreaterThanOrEqual(limit: number) {
      if (!(typeof actual === 'number' && actual >= limit))
        fail(`to be at least ${limit}`, `at least ${limit}`);
    },
    toBeTruthy() {
      if (!actual) fail('to be set (not empty, zero, false, null or undefined)', 'a value');
    },
  };
}

/** Awaits `work` and returns what it threw; fails the check if it returned instead. */
expect.rejection = async (
  work: () => unknown,
  label = 'the call',
): Promise<Error & Record<string, unknown>> => {
  let value: unknown;
  try {
    value = await work();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new CheckFailure(
    `Expected ${label} to throw an error, but it returned ${show(value)}.`,
    'an error',
    show(value),
  );
};
