/**
 * What the runtime needs to know of a check to run it: the seam between the runner, which runs a
 * module's exported checks against the learner's exports, and the checker (src/checker/), which
 * builds its authoring API on these shapes. The runner never imports the checker.
 */

/** One request the learner's code made during a check, as a check reads it. */
export interface CheckedRequest {
  method: string;
  url: string;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  body: string | null;
  /** The response status, or null when there was none. */
  status: number | null;
  outcome: 'ok' | 'failed' | 'aborted' | 'timed-out' | 'pending';
  responseHeaders: Record<string, string>;
  /** Virtual milliseconds since the check started. */
  startMs: number;
  endMs: number | null;
}

export interface CheckRunContext {
  /** The learner's module exports. Reading an export it does not have is an error, not a failure. */
  learner: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- learner code is untyped here
  /** Every request the learner's code made during this check, in order. */
  network(): CheckedRequest[];
  clock: {
    /** Virtual milliseconds since the check started. */
    now(): number;
  };
}

/**
 * A wait a check expects before an attempt of a call ("3 to 4 s before attempt 2, as Retry-After: 3
 * asked"). Drawn on the check's timeline beside the wait the learner's code made; it does not judge.
 */
export interface ExpectedWait {
  /** The attempt the wait comes before: 2 for the wait after the first try. */
  attempt: number;
  minMs: number;
  maxMs?: number;
  /** Why, in a few words: "Retry-After: 3". */
  reason: string;
}

/** A check as the runtime runs it: the default export of a checks module is a list of these. */
export interface RunnableCheck {
  name: string;
  points: number;
  /** The mock API scenario for every request of this check. */
  scenario: string;
  /** Seed for the mock API's random choices. */
  seed: number;
  /** Waits to draw on the check's timeline. */
  expectedWaits?: ExpectedWait[];
  run(context: CheckRunContext): Promise<void> | void;
}
