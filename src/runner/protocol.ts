/**
 * Every message that crosses a worker boundary in the runner, as one typed union per direction.
 * The compiler worker (esbuild-wasm, long-lived) and the sandbox worker (learner code, one per run)
 * each have exactly one proxy class on the page that owns the Worker and speaks this protocol.
 * All payloads are plain data (structured-clone safe): no functions, no class instances.
 */
import type { ExpectedWait } from './check-contract.ts';
import type { ClockKind } from './clock.ts';
import type { SerializedValue } from './serialize.ts';

/** A compile problem at a 1-based line and 1-based column of the reader's code. */
export interface Diagnostic {
  message: string;
  line: number;
  column: number;
  /** Characters underlined from `column`; at least 1. */
  length: number;
  severity: 'error' | 'warning';
}

/** A position in the reader's code: 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

// ---------------------------------------------------------------------------------------------
// Page ⇄ compiler worker

export type ToCompiler =
  | { type: 'compile'; id: number; code: string }
  /** Initialise esbuild and compile a small program so the first real compile is fast. */
  | { type: 'warm-up'; id: number };

export type FromCompiler =
  | { type: 'compiled'; id: number; js: string; sourceMap: string; warnings: Diagnostic[] }
  | { type: 'compile-failed'; id: number; diagnostics: Diagnostic[] }
  | { type: 'warmed-up'; id: number; initMs: number }
  /** esbuild itself could not start (e.g. the wasm file failed to load). */
  | { type: 'compiler-crashed'; id: number; message: string };

// ---------------------------------------------------------------------------------------------
// Page ⇄ sandbox worker

export interface RunSettings {
  /** Mock API scenario id (see mock-api/scenarios.ts), e.g. 'normal' or 'slow'. */
  scenario: string;
  /** Seed for the mock API's random choices, so a run is reproducible. */
  seed: number;
  /** `real` for lesson examples (a reader feels a 2 s wait), `virtual` for checks (time jumps). */
  clock: ClockKind;
  /** Virtual clock only: how far virtual time may run before the program is stopped. */
  virtualLimitMs?: number;
}

export type ToSandbox = {
  type: 'run';
  /** Compiled ES module text. */
  js: string;
  /** Its source map (JSON text) back to the reader's TypeScript, for error lines. */
  sourceMap: string;
  settings: RunSettings;
  /**
   * Judge the program with an exercise's checks instead of only running it: `js` is then the
   * learner's module, `checks` the compiled checks module. `index` is the check to run; null asks
   * for the list of checks (names, points, scenarios) without running any.
   */
  checks?: { js: string; index: number | null };
  /**
   * Run Python instead (`js` is then empty): the program runs in a Python worker, and its requests
   * arrive over the bridge port sent with this message (src/runner/python/python-protocol.ts).
   */
  python?: { code: string };
};

/** A check as the sandbox lists it (src/checker/checks-api.ts). */
export interface CheckInfo {
  name: string;
  points: number;
  scenario: string;
  seed: number;
  /** The check's body as source text, shown to the learner on request. */
  code: string;
  /** Waits the check expects, drawn on its timeline. */
  expectedWaits?: ExpectedWait[];
}

/** How one check went: `error` means it could not judge the code (a missing export, a broken check). */
export interface CheckOutcome {
  status: 'pass' | 'fail' | 'error';
  message?: string;
  expected?: string;
  actual?: string;
}

export type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'table';

/** Where a console line comes from: the reader's code, or the sandbox explaining something. */
export type ConsoleSource = 'code' | 'sandbox';

export interface RunError {
  name: string;
  message: string;
  /** Where it was thrown in the reader's code, when the stack points into it. */
  position: SourcePosition | null;
  /** How it escaped: thrown at top level, an unhandled promise rejection, or in a callback. */
  kind: 'uncaught' | 'unhandled-rejection';
  /** Python only: the traceback as Python prints it (the reader's frames and the libraries'). */
  traceback?: string;
}

/** Request/response headers as ordered name/value pairs (names lower-cased, as `Headers` gives them). */
export type HeaderList = [string, string][];

/** The first value of header `name` (any case) in `headers`, or null when it was not sent. */
export function headerValue(headers: HeaderList, name: string): string | null {
  const wanted = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === wanted)?.[1] ?? null;
}

/** A captured body: text (possibly truncated) and how many characters were cut off. */
export interface CapturedBody {
  text: string;
  truncated: number;
}

/**
 * What the code that answers `fetch` saw, request by request. `id` ties the events of one request
 * together; `time` is milliseconds since the run started.
 */
export type NetworkEvent =
  | {
      kind: 'request';
      id: number;
      time: number;
      method: string;
      url: string;
      headers: HeaderList;
      body: CapturedBody | null;
    }
  | {
      kind: 'response';
      id: number;
      time: number;
      status: number;
      statusText: string;
      headers: HeaderList;
      body: CapturedBody | null;
      /** Why the body is not all the server meant to send (the program cancelled it). */
      note?: string;
    }
  /** No response: a simulated network failure, or a URL outside the mock API. */
  | { kind: 'failed'; id: number; time: number; reason: string; blocked: boolean }
  /** The request's signal fired: `reason` is the DOMException name (`AbortError`, `TimeoutError`). */
  | { kind: 'aborted'; id: number; time: number; reason: string; message: string };

export type FromSandbox =
  /** The worker has loaded its runtime and waits for code. */
  | { type: 'ready' }
  | { type: 'started'; time: number }
  | {
      type: 'console';
      method: ConsoleMethod;
      source: ConsoleSource;
      args: SerializedValue[];
      /** Indentation from console.group. */
      depth: number;
      time: number;
    }
  | { type: 'network'; event: NetworkEvent }
  | { type: 'error'; error: RunError; time: number }
  /** Output just hit the cap: later console calls are counted, not sent. Sent once. */
  | { type: 'output-capped' }
  /**
   * How many console calls the cap kept back; sent once, when the program finishes. The runner
   * sends it with `lines: null` when a capped run is stopped, since the count died with the worker.
   */
  | { type: 'output-dropped'; lines: number | null }
  /**
   * The program finished: its top level settled and no timer or request is pending.
   */
  | { type: 'finished'; time: number; failed: boolean }
  /** Nothing pending could ever settle what the program waits for; `message` names the open requests. */
  | { type: 'waiting-forever'; time: number; message: string }
  /** The virtual clock would pass its limit to reach the next timer. */
  | { type: 'virtual-limit'; time: number; limitMs: number }
  /** The checks module's list of checks (a run with `checks.index` null). */
  | { type: 'checks-listed'; checks: CheckInfo[] }
  /** Judging: the learner's module finished loading, so the check itself could start. */
  | { type: 'program-loaded' }
  /** The check's body settled (sent before the run's own end message). */
  | { type: 'check-result'; outcome: CheckOutcome; time: number };

/** The runner's report to the UI for one run: what the sandbox said, plus outcomes only the page knows. */
export type RunEvent =
  | { type: 'compiling' }
  /** A Python run waits for Python to load (the first time: the runtime's download and boot). */
  | { type: 'loading-python' }
  | { type: 'compile-failed'; diagnostics: Diagnostic[] }
  | { type: 'started'; clock: ClockKind }
  | Extract<
      FromSandbox,
      {
        type:
          | 'console'
          | 'network'
          | 'error'
          | 'output-dropped'
          | 'checks-listed'
          | 'program-loaded'
          | 'check-result';
      }
    >
  /** `durationMs` is real time; `clockMs` is time on the run's clock (equal for the real clock). */
  | { type: 'finished'; durationMs: number; clockMs: number; failed: boolean }
  | { type: 'waiting-forever'; durationMs: number; clockMs: number; message: string }
  | { type: 'stopped'; durationMs: number }
  /** `clock` says which limit: real time (a loop that never ends) or virtual time. */
  | { type: 'timed-out'; limitMs: number; clock: ClockKind; durationMs: number }
  /** Something in the machinery broke (not the reader's code): the message says what to do. */
  | { type: 'crashed'; message: string; durationMs: number };

/** Narrowing helper for messages received from a worker, where the type is unknown at runtime. */
export function isMessage<T extends { type: string }>(
  data: unknown,
  types: readonly T['type'][],
): data is T {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { type?: unknown }).type === 'string' &&
    types.includes((data as { type: T['type'] }).type)
  );
}
