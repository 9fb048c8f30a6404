/**
 * Judges a learner's code with an exercise's checks, the same way in the browser and in Node: one
 * run per check, one after another in a sandbox of this judgement's own (Runner.session): each run
 * gets a fresh module, a fresh scope and mock API, the virtual clock, and nothing of another run
 * (runtime.ts); a run that ends other than cleanly takes the sandbox with it. A loop, a hang or a
 * crash costs that check only, and no check can learn what happened in another. No other code (no
 * other person's, no other exercise's) ever runs in a judgement's sandbox. The result is the
 * documented results format (results.schema.json).
 */
import { assertNever } from '../runner/assert-never.ts';
import type { Runner, RunSession } from '../runner/runner.ts';
import type { ExpectedWait } from '../runner/check-contract.ts';
import type { CheckInfo } from '../runner/protocol.ts';
import type { NetworkEntry, RunRecord } from '../runner/run-record.ts';

export const RESULTS_VERSION = 1;

export type TestStatus = 'pass' | 'fail' | 'error';

export interface TestResult {
  name: string;
  status: TestStatus;
  message?: string;
  expected?: string;
  actual?: string;
  points: number;
  maxPoints: number;
  network?: NetworkEntry[];
  /** Waits the check expected between attempts, for its timeline. */
  expectedWaits?: ExpectedWait[];
  /** Virtual milliseconds the check took. */
  clockMs: number;
  /** The check's own source. */
  code: string;
}

export interface Results {
  version: typeof RESULTS_VERSION;
  exercise: string;
  status: TestStatus;
  message?: string;
  score: number;
  maxScore: number;
  tests: TestResult[];
}

export interface JudgeOptions {
  /** The exercise's id, copied into the results. */
  exercise: string;
  /** The checks module, compiled with `course:checks` bundled in. */
  checksJs: string;
  /**
   * Real milliseconds one check may run (what ends `while (true)`).
   * @default 5000
   */
  timeLimitMs?: number;
  /** Called as each check is judged, so a page can show verdicts while the rest still run. */
  onResult?: (test: TestResult, index: number, total: number) => void;
  /** Aborting stops the check that is running and runs no more (the page's Stop). */
  signal?: AbortSignal;
  /**
   * Keeps check lists between processes (Node's CLIs: node/listing-store.ts), so a command that
   * judges one exercise does not boot a sandbox just to list its checks again.
   */
  listingStore?: ListingStore;
  /**
   * The runner judges this code and nothing after it (a command that checks one file): it boots no
   * spare sandbox beyond the one the checks run in (Runner.expectRuns).
   */
  lastUseOfRunner?: boolean;
}

/** Check lists kept by checks module; only lists a sandbox produced are ever stored. */
export interface ListingStore {
  get(checksJs: string): CheckInfo[] | null;
  set(checksJs: string, list: CheckInfo[]): void;
}

/** One run, stopped when `signal` aborts. */
function runUntilAborted(
  runner: Pick<Runner, 'run'>,
  code: string,
  settings: Parameters<Runner['run']>[1],
  signal: AbortSignal | undefined,
): Promise<RunRecord> {
  const handle = runner.run(code, settings);
  if (!signal) return handle.done;
  const stop = () => handle.stop();
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return handle.done.finally(() => signal.removeEventListener('abort', stop));
}

/** Why a run that should have judged a check did not, in the learner's words. */
function unjudged(record: RunRecord): { status: TestStatus; message: string } {
  switch (record.outcome) {
    case 'waiting-forever':
      return { status: 'fail', message: `Your code waited forever: ${record.message}` };
    case 'timed-out':
      return {
        status: 'fail',
        message:
          record.clock === 'virtual' && record.message?.startsWith('Virtual')
            ? `${record.message} Look for a retry loop that never gives up.`
            : 'Your code kept running past the time limit: look for a loop that never ends.',
      };
    case 'failed':
      return record.error?.name === 'CompileError'
        ? { status: 'error', message: `Your code does not compile: ${record.error.message}` }
        : {
            status: 'fail',
            message: `Your code threw ${record.error?.name}: ${record.error?.message}`,
          };
    case 'crashed':
      return { status: 'error', message: `The sandbox broke: ${record.message}` };
    case 'stopped':
      return { status: 'error', message: 'Stopped before the check finished.' };
    case 'finished':
    case null:
      return { status: 'error', message: 'The check ended without a result.' };
    default:
      return assertNever(record.outcome);
  }
}

/** `work`'s value, or null as soon as `signal` aborts (the work goes on, unawaited). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The checks a module holds depend on that module alone, so they are listed once per checks module,
 * in a sandbox where no learner code runs (an empty program): no learner can change the list.
 */
const listings = new Map<string, Promise<{ list: CheckInfo[] | null; why: string }>>();

function listChecks(
  runner: Pick<Runner, 'run'>,
  checksJs: string,
  timeLimitMs: number,
  store: ListingStore | undefined,
) {
  let listing = listings.get(checksJs);
  const stored = listing ? null : store?.get(checksJs);
  if (stored) {
    listing = Promise.resolve({ list: stored, why: '' });
    listings.set(checksJs, listing);
  }
  if (!listing) {
    listing = runner
      .run('export {};', { clock: 'virtual', timeLimitMs, checks: { js: checksJs, index: null } })
      .done.then((record) => {
        if (record.checkList) store?.set(checksJs, record.checkList);
        return {
          list: record.checkList ?? null,
          why: record.check?.message ?? unjudged(record).message,
        };
      });
    const entry = listing;
    // Only a list is kept: a listing that failed (a machine too busy, a broken module) is tried again.
    void entry.then(({ list }) => {
      if (!list && listings.get(checksJs) === entry) listings.delete(checksJs);
    });
    listings.set(checksJs, entry);
  }
  return listing;
}

export async function judge(runner: Runner, code: string, options: JudgeOptions): Promise<Results> {
  const session = runner.session();
  try {
    return await judgeInSession(runner, session, code, options);
  } finally {
    session.end();
  }
}

async function judgeInSession(
  runner: Runner,
  session: RunSession,
  code: string,
  options: JudgeOptions,
): Promise<Results> {
  const timeLimitMs = options.timeLimitMs ?? 5000;
  // Stop must not wait for the listing: it boots a sandbox of its own, seconds on a busy machine.
  const listed = await untilAborted(
    // Listing runs no learner code, so its sandbox may go on to judge this code.
    listChecks(session, options.checksJs, timeLimitMs, options.listingStore),
    options.signal,
  );
  if (!listed) {
    return {
      version: RESULTS_VERSION,
      exercise: options.exercise,
      status: 'error',
      message: 'Stopped before the checks were listed.',
      score: 0,
      maxScore: 0,
      tests: [],
    };
  }
  const { list, why } = listed;
  if (!list) {
    return {
      version: RESULTS_VERSION,
      exercise: options.exercise,
      status: 'error',
      message: `The checks could not be listed: ${why}`,
      score: 0,
      maxScore: 0,
      tests: [],
    };
  }
  // The checks share one sandbox: a command that ends after them needs no spare.
  if (options.lastUseOfRunner) runner.expectRuns(1);
  const tests: TestResult[] = [];
  // Set when the first check never got past the module's top level (an endless loop there): every
  // check runs that same top level first, so each would spend the whole time limit to fail alike.
  let stuckLoading: string | null = null;
  for (const [index, check] of list.entries()) {
    const record: RunRecord | null =
      options.signal?.aborted || stuckLoading !== null
        ? null
        : await runUntilAborted(
            session,
            code,
            {
              clock: 'virtual',
              scenario: check.scenario,
              seed: check.seed,
              timeLimitMs,
              checks: { js: options.checksJs, index },
            },
            options.signal,
          );
    if (index === 0 && record?.error?.name === 'CompileError') {
      // Code that does not compile fails every check alike: say it once.
      return {
        version: RESULTS_VERSION,
        exercise: options.exercise,
        status: 'error',
        message: unjudged(record).message,
        score: 0,
        maxScore: 0,
        tests: [],
      };
    }
    if (index === 0 && record?.outcome === 'timed-out' && !record.programLoaded) {
      stuckLoading = `${unjudged(record).message} It never finished loading, so no check could start.`;
    }
    const outcome = stuckLoading
      ? { status: 'fail' as const, message: stuckLoading }
      : record
        ? (record.check ?? unjudged(record))
        : { status: 'error' as const, message: 'Stopped before this check ran.' };
    const status = outcome.status;
    tests.push({
      name: check.name,
      status,
      ...(outcome.message === undefined ? {} : { message: outcome.message }),
      ...('expected' in outcome && outcome.expected !== undefined
        ? { expected: outcome.expected }
        : {}),
      ...('actual' in outcome && outcome.actual !== undefined ? { actual: outcome.actual } : {}),
      points: status === 'pass' ? check.points : 0,
      maxPoints: check.points,
      network: record?.network ?? [],
      ...(check.expectedWaits ? { expectedWaits: check.expectedWaits } : {}),
      clockMs: record?.clockMs ?? 0,
      code: check.code,
    });
    options.onResult?.(tests[index]!, index, list.length);
  }
  const score = tests.reduce((sum, test) => sum + test.points, 0);
  const maxScore = tests.reduce((sum, test) => sum + test.maxPoints, 0);
  const status: TestStatus = tests.some((test) => test.status === 'error')
    ? 'error'
    : tests.every((test) => test.status === 'pass')
      ? 'pass'
      : 'fail';
  return { version: RESULTS_VERSION, exercise: options.exercise, status, score, maxScore, tests };
}
