/**
 * The sandbox runtime: everything that runs a compiled program, the same in every host. A host (the
 * browser's sandbox worker, the Node child process) only wires messages, module loading and its own
 * timers into `RuntimeHost`, calls `bootSandbox` once when it starts (before any learner code exists)
 * and `run` with each program, one at a time: a live example's one program, or the checks of one
 * judgement one after another.
 *
 * What it does for a run: builds a fresh, seeded mock API on the run's clock; gives the program a
 * scope of its own (`fetch`, `console`, timers, `Date`, `performance`, `AbortSignal`, storage and
 * the global object itself, all the run's: see run-scope-names.ts) beside the realm's frozen,
 * shared built-ins (sandbox-globals.ts); imports the module; then watches the program (run-loop.ts)
 * until it finishes, fails, waits forever or passes the virtual time limit, and reports each step
 * through `host.post`, a private copy taken before learner code could reach it. When the run is
 * over, everything of its scope is dead: a callback it left behind reaches nothing of the next run.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { getResponse } from 'msw';
import { createMockApi, DEFAULT_SEED, isScenarioId, scenarios } from '../../mock-api/index.ts';
import { assertNever } from './assert-never.ts';
import {
  createRealClock,
  createVirtualClock,
  type FakeClock,
  type RealTime,
  type RunClock,
} from './clock.ts';
import type { CheckedRequest, ExpectedWait, RunnableCheck } from './check-contract.ts';
import type { CheckOutcome, FromSandbox, NetworkEvent, RunError, ToSandbox } from './protocol.ts';
import { watchProgram, type OpenRequests } from './run-loop.ts';
import { createSandboxConsole } from './sandbox-console.ts';
import { createSandboxFetch } from './sandbox-fetch.ts';
import { capNetworkEvent } from './network-caps.ts';
import { countBodyReads } from './body-reads.ts';
import { freezeIntrinsics, installLearnerGlobals, sharedGlobals } from './sandbox-globals.ts';
import { MODULE_STARTED, RUN_SCOPE_BINDING } from './run-scope-names.ts';
import { MemoryStorage } from './sandbox-storage-stand-in.ts';
import { servePython, type PythonRun } from './python/python-host.ts';
import { formatSerialized } from './format.ts';
import { serialize } from './serialize.ts';
import { SourceMapLookup, positionFromStack } from './source-map.ts';

export interface RuntimeHost {
  /** Sends a message to whoever started the run (the page, the parent process). */
  post(message: FromSandbox): void;
  realTime: RealTime;
  /** Resolves after one real turn of the event loop (not clamped like nested timeouts). */
  nextTurn(): Promise<void>;
  /** Imports the compiled program as an ES module; `url` is how its frames appear in stacks. */
  loadModule(js: string): { url: string; loaded: Promise<unknown> };
  /** Routes errors that nothing caught (uncaught, unhandled rejections) to `report`. */
  onUncaught(report: (error: unknown, kind: RunError['kind']) => void): void;
  /** Relative URLs in `fetch` resolve against this, as they would against the page. */
  baseUrl: string;
  /** Globals the host's own code reads at run time, kept (frozen) for it: Node's fetch reads `Buffer`. */
  hostGlobals?: readonly string[];
  /**
   * Host objects no global names that programs still reach, hardened at boot: Node's internal
   * error classes (a `TypeError` Node throws has a prototype of its own per error code).
   */
  hiddenObjects?: () => readonly unknown[];
  /**
   * Whether boot also answers one throwaway request, so the first run's first request is fast. Worth
   * it where a sandbox boots ahead while the reader reads (the page); where sandboxes boot one per
   * check, back to back (grading in Node), it is only more work per check.
   * @default true
   */
  warmUp?: boolean;
}

/** A run may wait this long in virtual time before it is stopped (10 virtual minutes). */
export const DEFAULT_VIRTUAL_LIMIT_MS = 10 * 60 * 1000;

/** The source map of a module with one line added on top: `;` is an empty generated line. */
function withLineOnTop(sourceMap: string): string {
  try {
    const map = JSON.parse(sourceMap) as { mappings?: unknown };
    if (typeof map.mappings === 'string') map.mappings = `;${map.mappings}`;
    return JSON.stringify(map);
  } catch {
    return sourceMap;
  }
}

/** Longest error message kept: a 48 MB message must not reach the page. */
const MAX_ERROR_CHARS = 2000;
/** Requests listed per run (20,000 blocked fetches must not become 20,000 rows on the page). */
const MAX_NETWORK_ROWS = 1000;
/** Errors reported per run; later ones are counted with the dropped output. */
const MAX_ERRORS = 100;

export interface Sandbox {
  /** Resolves when the realm is warm (first request and first line already paid for). */
  ready: Promise<void>;
  /**
   * Runs one program; a `run` message that arrives while one runs is ignored. The host ends the
   * realm after any run that did not finish cleanly; after one that did, the next check of the same
   * judgement may run here, in a scope of its own (see the file's comment).
   */
  run(message: ToSandbox, bridge?: MessagePort): Promise<void>;
}

/**
 * What the current run gives the runtime's own code (msw, the host's fetch), through the realm's
 * global object, which compiled code never reads (run-scope-names.ts). Nothing once the run is over.
 */
interface LiveRun {
  fetch: typeof fetch;
  console: Console;
  clock: RunClock;
  startEpoch: number;
  report(error: unknown, kind: RunError['kind']): void;
}

/**
 * Prepares the realm: a fake-timers clock (it must exist before lockdown), frozen intrinsics, and a
 * mock API for the default settings so the first request of the first run is fast. Learner code has
 * not been seen yet.
 */
export function bootSandbox(host: RuntimeHost): Sandbox {
  const fake = FakeTimers.withGlobal(globalThis).createClock(
    0,
    Number.MAX_SAFE_INTEGER,
  ) as unknown as FakeClock;
  const listen = EventTarget.prototype.addEventListener;
  const onabort = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'onabort');
  const RealAbortSignal = AbortSignal;
  const bodyReads = countBodyReads();
  freezeIntrinsics();
  for (const hidden of host.hiddenObjects?.() ?? []) harden(hidden);
  const randomBytes = crypto.getRandomValues.bind(crypto);

  // A mock API prepared at boot, so the first request of the first run is fast. It serves that one
  // run (it keeps the run's state), on that run's clock only: once the run is over its clock refuses
  // timers, so a request of that run left behind cannot set or clear a later run's.
  let preparedClock: RunClock | null = null;
  let prepared: ReturnType<typeof mockApi> | null = mockApi({
    scenario: 'normal',
    seed: DEFAULT_SEED,
    now: () => preparedClock?.epochNow() ?? host.realTime.epochNow(),
    timers: {
      setTimeout: (callback, ms) => preparedClock?.setTimeout(callback, ms) ?? 0,
      clearTimeout: (id) => preparedClock?.clearTimeout(id as number),
    },
  });
  const warmedUp = Promise.all([
    host.warmUp === false ? Promise.resolve() : warmUp(),
    hardenKeyPrototype(),
  ]).then(() => {});

  let live: LiveRun | null = null;
  let running = false;
  let installed = false;
  /** Module loads waiting for their first line: token → what that line receives. */
  const grants = new Map<string, () => object>();
  const newToken = () =>
    Array.from(randomBytes(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join(
      '',
    );
  host.onUncaught((error, kind) => live?.report(error, kind));

  /** Imports `js` with the run's scope handed to its first line; `started` runs as that line does. */
  const loadWithScope = (js: string, scope: object, started: () => void) => {
    const token = newToken();
    grants.set(token, () => {
      started();
      return scope;
    });
    return host.loadModule(
      `const ${RUN_SCOPE_BINDING} = globalThis[${JSON.stringify(MODULE_STARTED)}](${JSON.stringify(token)});\n${js}`,
    );
  };

  return {
    ready: warmedUp,
    async run(message, bridge) {
      if (message?.type !== 'run' || running) return;
      running = true;
      await warmedUp;
      const { settings } = message;
      // Everything this run says goes through here, and nothing once its verdict is out: a callback
      // it left behind must not write into the next run's record.
      let over = false;
      const post = (sent: FromSandbox) => {
        if (!over) host.post(sent);
      };
      let activity = 0;
      let errors = 0;
      let droppedErrors = 0;
      let failed = false;
      const open: OpenRequests = new Map();
      let blockedExplained = false;
      let reads = 0;
      const lookup = new SourceMapLookup(withLineOnTop(message.sourceMap));
      let moduleUrl = '';

      const report = (thrown: unknown, kind: RunError['kind']) => {
        if (over) return;
        failed = true;
        activity += 1;
        if (errors >= MAX_ERRORS) {
          droppedErrors += 1;
          return;
        }
        errors += 1;
        post({
          type: 'error',
          error: describeError(thrown, kind, moduleUrl, lookup),
          time: now(),
        });
      };
      const onCallback = (callback: () => void) => {
        activity += 1;
        try {
          callback();
        } catch (error) {
          report(error, 'uncaught');
        }
      };
      const startEpoch = host.realTime.epochNow();
      const runClock =
        settings.clock === 'virtual'
          ? createVirtualClock(fake, startEpoch, onCallback)
          : createRealClock(host.realTime, onCallback);
      const now = () => Math.round(runClock.elapsed() * 10) / 10;
      const timeoutSignal = timeoutSignalOn(runClock, listen, onabort);

      const network = createCheckedNetwork();
      const output = createSandboxConsole(post, now, {}, () => post({ type: 'output-capped' }));
      if (!isScenarioId(settings.scenario)) {
        output.explain(
          'warn',
          `Unknown scenario "${settings.scenario}", so the API behaves normally. Known scenarios: ${scenarios.map((entry) => entry.id).join(', ')}.`,
        );
      }
      const scenario = isScenarioId(settings.scenario) ? settings.scenario : 'normal';
      // The run's own mock API: rate-limit counters, flaky counters and created users start afresh.
      const usePrepared = prepared && scenario === 'normal' && settings.seed === DEFAULT_SEED;
      if (usePrepared) preparedClock = runClock;
      const handlers = (
        usePrepared
          ? prepared!
          : mockApi({
              scenario,
              seed: settings.seed,
              now: () => runClock.epochNow(),
              timers: {
                setTimeout: (callback, ms) => runClock.setTimeout(callback, ms),
                clearTimeout: (id) => runClock.clearTimeout(id as number),
              },
            })
      ).handlers;
      prepared = null;
      const runFetch = createSandboxFetch({
        handlers,
        baseUrl: host.baseUrl,
        now,
        onNetwork: (reported) => {
          const event = capNetworkEvent(reported);
          network.apply(event);
          // Request ids count up from 1: past the cap, neither the row nor its updates are sent.
          if (event.id <= MAX_NETWORK_ROWS) return post({ type: 'network', event });
          if (event.kind === 'request' && event.id === MAX_NETWORK_ROWS + 1) {
            output.explain(
              'warn',
              `… more requests were made than the Network log shows: it lists the first ${MAX_NETWORK_ROWS} of a run.`,
            );
          }
        },
        // Said once per run: 20,000 blocked requests must not fill the Console with the same words.
        onBlocked: (text) => {
          if (blockedExplained) return;
          blockedExplained = true;
          output.explain('warn', text);
        },
        tracker: {
          started: (id, request) => {
            activity += 1;
            open.set(id, request);
          },
          settled: (id) => {
            activity += 1;
            open.delete(id);
          },
          reading: async (work) => {
            reads += 1;
            activity += 1;
            try {
              return await work;
            } finally {
              reads -= 1;
              activity += 1;
            }
          },
        },
      });
      const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
        over
          ? Promise.reject(new TypeError('Failed to fetch: the run that made this call is over.'))
          : runFetch(input, init);

      live = { fetch, console: output.console, clock: runClock, startEpoch, report };
      if (!installed) {
        installed = true;
        installLearnerGlobals(
          forwardingGlobals(() => live, output.console),
          host.hostGlobals,
        );
        // Each module's first line calls this with its load's one-time token, to get the run's
        // scope (and, for the program's module, to say it started). A token works once, for the run
        // it was made for: a callback left behind by an earlier run gets nothing with any other.
        // Frozen like everything else on the global object: a mark on it would outlive the run.
        Object.defineProperty(globalThis, MODULE_STARTED, {
          value: harden((token: unknown) => {
            const grant = grants.get(String(token));
            if (!grant)
              throw new TypeError('This module was not loaded by the sandbox for this run.');
            grants.delete(String(token));
            return grant();
          }),
        });
      }
      const scope = runScope({
        fetch,
        console: output.console,
        clock: runClock,
        startEpoch,
        timeoutSignal,
        RealAbortSignal,
      });

      post({ type: 'started', time: now() });
      let settled = false;
      // Loading the checks module is invisible work too: without this, a slow import (a busy
      // machine) looked idle for the grace period and the check ended "waiting forever".
      let checksLoading = false;
      // Fetching and parsing the module is real work the runtime cannot see: until its first line
      // runs, the program is loading, not idle. The marker is the module's first statement (one
      // line added on top, so the source map gains one empty line).
      let evaluating = false;
      let python: PythonRun | null = null;
      if (message.python) {
        if (!bridge) throw new Error('A Python run needs its bridge port (python-protocol.ts).');
        python = servePython(bridge, String(message.python.code), {
          fetch,
          timeoutSignal,
          setTimer: (callback, ms) => runClock.setTimeout(callback, ms),
          print: (stream, text) => {
            activity += 1;
            if (stream === 'stderr') output.console.error(text);
            else output.console.log(text);
          },
          explain: (text) => output.explain('warn', text),
          fail: (failure) => {
            failed = true;
            post({
              type: 'error',
              error: {
                name: failure.type,
                message: failure.message,
                position: failure.line === null ? null : { line: failure.line, column: 1 },
                kind: 'uncaught',
                ...(failure.traceback ? { traceback: failure.traceback } : {}),
              },
              time: now(),
            });
          },
        });
        void python.done.then(() => (settled = true));
      } else {
        const program = loadWithScope(message.js, scope, () => {
          evaluating = true;
          activity += 1;
        });
        moduleUrl = program.url;
        if (message.checks) {
          // Judging: the check's body is the "top level"; the learner's module must load first.
          const checks = message.checks;
          void program.loaded
            .then(async (exports) => {
              post({ type: 'program-loaded' });
              const outcome = await runCheck(
                (js) => loadWithScope(js, scope, () => {}),
                post,
                exports,
                checks,
                {
                  network: () => network.rows(),
                  now: () => runClock.elapsed(),
                  loading: (on) => (checksLoading = on),
                },
              );
              if (outcome) post({ type: 'check-result', outcome, time: now() });
            })
            .catch((error: unknown) => {
              post({
                type: 'check-result',
                outcome: {
                  status: 'error',
                  message: `The code could not be judged: it threw while loading (${describeThrown(error)}).`,
                },
                time: now(),
              });
            })
            .finally(() => (settled = true));
        } else {
          program.loaded.then(
            () => (settled = true),
            (error: unknown) => {
              settled = true;
              report(error, 'uncaught');
            },
          );
        }
      }
      const verdict = await watchProgram({
        clock: runClock,
        nextTurn: host.nextTurn,
        realDelay: (ms) => new Promise((resolve) => host.realTime.setTimeout(resolve, ms)),
        activity: () => activity + bodyReads.changes(),
        topLevelSettled: () => settled,
        loading: () => (python ? python.busy() : (!evaluating && !settled) || checksLoading),
        openRequests: () => open,
        readsInProgress: () => reads,
        bodyReadsInProgress: bodyReads.inProgress,
        virtualLimitMs: settings.virtualLimitMs ?? DEFAULT_VIRTUAL_LIMIT_MS,
        language: python ? 'python' : 'typescript',
      });
      const dropped = output.dropped() + droppedErrors;
      if (dropped > 0) post({ type: 'output-dropped', lines: dropped });
      // Nothing of the program may act after its verdict: its timers are cancelled and refused, its
      // fetch rejects, its output and errors go nowhere, its module tokens are void.
      runClock.close();
      over = true;
      live = null;
      grants.clear();
      running = false;
      switch (verdict.type) {
        case 'finished':
          host.post({ type: 'finished', time: now(), failed });
          break;
        case 'waiting-forever':
          host.post({ type: 'waiting-forever', time: now(), message: verdict.message });
          break;
        case 'virtual-limit':
          host.post({ type: 'virtual-limit', time: now(), limitMs: verdict.limitMs });
          break;
        default:
          assertNever(verdict);
      }
    },
  };
}

/**
 * `AbortSignal.timeout` on a run's clock. Like the platform's, its timer does not keep a finished
 * program alive (a fetch deadline that was not needed), until the program itself listens for the
 * abort: then it waits for it, so no output from the listener is lost.
 */
function timeoutSignalOn(
  runClock: RunClock,
  listen: typeof EventTarget.prototype.addEventListener,
  onabort: PropertyDescriptor | undefined,
): (ms: number) => AbortSignal {
  return (ms) => {
    const controller = new AbortController();
    const signal = controller.signal;
    const fire = () => controller.abort(new DOMException('signal timed out', 'TimeoutError'));
    const id = runClock.setTimeout(fire, ms, true);
    Object.defineProperties(signal, {
      addEventListener: {
        value(this: AbortSignal, type: string, ...rest: unknown[]) {
          if (type === 'abort') runClock.keepAlive(id);
          return Reflect.apply(listen, this, [type, ...rest]);
        },
      },
      onabort: {
        get: () => onabort?.get?.call(signal),
        set(handler: unknown) {
          runClock.keepAlive(id);
          onabort?.set?.call(signal, handler);
        },
      },
    });
    return signal;
  };
}

/**
 * The program's global scope for one run: the realm's shared, frozen built-ins, and the run's own
 * fetch, console, timers, `Date`, `performance`, `AbortSignal` (its `timeout` on the run's clock) and
 * storage. Compiled code reads these names, and `globalThis`/`self`, from here (run-scope-names.ts).
 * `Error` is SES's powerless one (the prototype's constructor): V8's stack hooks set through it do
 * nothing, so no run can change how another's errors are read. Frozen.
 */
function runScope(parts: {
  fetch: typeof fetch;
  console: Console;
  clock: RunClock;
  startEpoch: number;
  timeoutSignal: (ms: number) => AbortSignal;
  RealAbortSignal: typeof AbortSignal;
}): object {
  const { clock, RealAbortSignal } = parts;
  const RunAbortSignal = function AbortSignal() {
    throw new TypeError('Illegal constructor');
  };
  Object.defineProperties(RunAbortSignal, {
    prototype: { value: RealAbortSignal.prototype },
    timeout: { value: (ms: number) => parts.timeoutSignal(ms), enumerable: true },
    abort: { value: (reason?: unknown) => RealAbortSignal.abort(reason), enumerable: true },
    any: { value: (signals: AbortSignal[]) => RealAbortSignal.any(signals), enumerable: true },
  });
  const scope: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of sharedGlobals()) scope[name] = value;
  Object.assign(scope, {
    fetch: parts.fetch,
    console: parts.console,
    ...learnerTimers(() => clock),
    Date: clock.Date,
    performance: { now: () => clock.elapsed(), timeOrigin: parts.startEpoch },
    AbortSignal: RunAbortSignal,
    localStorage: new MemoryStorage(),
    require: refuseImport,
    Error: Error.prototype.constructor,
    globalThis: scope,
    self: scope,
  });
  return harden(scope);
}

/** The network log a check reads: every request with its headers and bodies, in order. */
function createCheckedNetwork() {
  const rows = new Map<number, CheckedRequest>();
  const headers = (list: [string, string][]) => Object.fromEntries(list);
  return {
    apply(event: NetworkEvent) {
      if (event.kind === 'request') {
        rows.set(event.id, {
          method: event.method,
          url: event.url,
          headers: headers(event.headers),
          body: event.body?.text ?? null,
          status: null,
          outcome: 'pending',
          responseHeaders: {},
          startMs: event.time,
          endMs: null,
        });
        return;
      }
      const row = rows.get(event.id);
      if (!row) return;
      row.endMs = event.time;
      if (event.kind === 'response') {
        row.status = event.status;
        row.outcome = 'ok';
        row.responseHeaders = headers(event.headers);
      } else if (event.kind === 'failed') row.outcome = 'failed';
      else row.outcome = event.reason === 'TimeoutError' ? 'timed-out' : 'aborted';
    },
    /** Copies, so a check cannot change the log it reads later. */
    rows: (): CheckedRequest[] => [...rows.values()].map((row) => ({ ...row })),
  };
}

/** A check's expected waits as plain numbers and text, or nothing when it has none (or none usable). */
function expectedWaitsOf(waits: unknown): { expectedWaits?: ExpectedWait[] } {
  if (!Array.isArray(waits)) return {};
  const kept = waits.slice(0, 20).flatMap((wait: Partial<ExpectedWait> | null) => {
    const attempt = Number(wait?.attempt);
    const minMs = Number(wait?.minMs);
    const maxMs = wait?.maxMs === undefined ? undefined : Number(wait.maxMs);
    if (!Number.isInteger(attempt) || attempt < 2 || !(minMs >= 0)) return [];
    if (maxMs !== undefined && !(maxMs >= minMs)) return [];
    const reason = String(wait?.reason ?? '').slice(0, 80);
    return [maxMs === undefined ? { attempt, minMs, reason } : { attempt, minMs, maxMs, reason }];
  });
  return kept.length > 0 ? { expectedWaits: kept } : {};
}

/**
 * Loads the checks module and runs one check against the learner's exports (or lists the checks).
 * Returns how the check went; a failed expectation is `fail`, a missing export or a broken checks
 * module is `error`.
 */
async function runCheck(
  load: (js: string) => { loaded: Promise<unknown> },
  post: (message: FromSandbox) => void,
  exports: unknown,
  checks: { js: string; index: number | null },
  context: { network(): CheckedRequest[]; now(): number; loading(on: boolean): void },
): Promise<CheckOutcome | null> {
  context.loading(true);
  let loaded: { default?: unknown };
  try {
    loaded = (await load(checks.js).loaded) as { default?: unknown };
  } finally {
    context.loading(false);
  }
  const list = Array.isArray(loaded.default) ? (loaded.default as RunnableCheck[]) : null;
  if (!list) {
    return {
      status: 'error',
      message: 'The checks module must export a list of checks as its default export.',
    };
  }
  if (checks.index === null) {
    post({
      type: 'checks-listed',
      checks: list.map(({ name, points, scenario, seed, run, expectedWaits }) => ({
        name: String(name),
        points: Number(points),
        scenario: String(scenario),
        seed: Number(seed),
        code: Function.prototype.toString.call(run),
        ...expectedWaitsOf(expectedWaits),
      })),
    });
    return null;
  }
  const chosen = list[checks.index];
  if (!chosen) return { status: 'error', message: `There is no check number ${checks.index}.` };
  const module = exports as Record<string, unknown>;
  let missing: string | null = null;
  const learner = new Proxy(module, {
    get(target, name) {
      if (typeof name === 'string' && !(name in target)) {
        missing = name;
        throw new Error(`The code does not export ${name}.`);
      }
      return Reflect.get(target, name);
    },
  });
  try {
    await chosen.run({ learner, network: context.network, clock: { now: context.now } });
    return { status: 'pass' };
  } catch (error) {
    if (missing) {
      return {
        status: 'error',
        message: `The code does not export \`${missing}\`: keep the starter's exports (export function ${missing} ...).`,
      };
    }
    // The checks module bundles its own copy of the checks API, so its CheckFailure is another class.
    if (error instanceof Error && error.name === 'CheckFailure') {
      const { expected, actual } = error as Error & { expected?: unknown; actual?: unknown };
      return {
        status: 'fail',
        message: error.message,
        ...(typeof expected === 'string' ? { expected } : {}),
        ...(typeof actual === 'string' ? { actual } : {}),
      };
    }
    return { status: 'fail', message: `Your code threw ${describeThrown(error)}.` };
  }
}

function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${cap(error.message)}` : cap(String(error));
  } catch {
    return 'an error that could not be described';
  }
}

/**
 * The globals a program gets, each forwarding to the run (nothing once it is over).
 * `sample` is the run's console, read only for its method names.
 */
function forwardingGlobals(
  current: () => LiveRun | null,
  sample: Console,
): Record<string, unknown> {
  const run = (): LiveRun => {
    const found = current();
    if (!found) throw new Error('No program is running in this sandbox.');
    return found;
  };
  const console: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(sample)) {
    if (typeof value !== 'function') continue;
    console[name] = (...args: unknown[]) =>
      Reflect.apply((run().console as unknown as Record<string, () => unknown>)[name]!, null, args);
  }
  // The host's own code may read the date between runs: it gets the platform's.
  const RealDate = Date;
  const dateOfRun = () => current()?.clock.Date ?? RealDate;
  const RunDate = function (this: unknown, ...args: unknown[]) {
    const OfRun = dateOfRun();
    return new.target ? Reflect.construct(OfRun, args, new.target) : OfRun();
  } as unknown as DateConstructor;
  Object.defineProperties(RunDate, {
    prototype: { value: RealDate.prototype },
    now: { value: () => dateOfRun().now() },
    parse: { value: RealDate.parse },
    UTC: { value: RealDate.UTC },
  });
  return {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => run().fetch(input, init),
    console,
    ...learnerTimers(() => run().clock),
    Date: RunDate,
    performance: {
      now: () => run().clock.elapsed(),
      get timeOrigin() {
        return run().startEpoch;
      },
    },
    require: refuseImport,
  };
}

/** Timers on the run's clock, refusing strings as browsers do under a CSP without 'unsafe-eval'. */
function learnerTimers(clockOf: () => RunClock) {
  const callable = (handler: unknown): ((...args: unknown[]) => void) => {
    if (typeof handler === 'function') return handler as (...args: unknown[]) => void;
    throw new TypeError(
      'setTimeout and setInterval need a function here: examples cannot run code from strings.',
    );
  };
  return {
    setTimeout: (handler: unknown, ms?: number, ...args: unknown[]) => {
      const run = callable(handler);
      return clockOf().setTimeout(() => run(...args), Number(ms) || 0);
    },
    clearTimeout: (id: unknown) => clockOf().clearTimeout(Number(id)),
    setInterval: (handler: unknown, ms?: number, ...args: unknown[]) => {
      const run = callable(handler);
      return clockOf().setInterval(() => run(...args), Number(ms) || 0);
    },
    clearInterval: (id: unknown) => clockOf().clearInterval(Number(id)),
  };
}

/** esbuild lowers `import(url)` to `require(url)`: this is what answers it. */
function refuseImport(specifier: unknown): never {
  throw new TypeError(
    `import(${JSON.stringify(String(specifier))}) is blocked: examples cannot load code at run time; examples can only reach the course's mock API with fetch.`,
  );
}

/**
 * A fresh realm runs everything for the first time, slowly (no JIT yet). Answer one request with a
 * throwaway mock API and print one value, so the reader's first request and line are fast. Nothing
 * of this is visible to the run: its mock API is another instance.
 */
async function warmUp(): Promise<void> {
  const scratch = mockApi({ scenario: 'normal', seed: DEFAULT_SEED });
  const response = await getResponse(
    scratch.handlers,
    new Request('https://api.github.com/repos/python/cpython'),
  );
  await response?.json();
  formatSerialized(serialize({ warm: [1, 'up'], map: new Map([[1, 2]]) }));
}

/**
 * A `CryptoKey` from `crypto.subtle` may have a prototype of its own below `CryptoKey.prototype`
 * (Node's does), which no global names: one key made at boot finds it. Where there is no
 * `crypto.subtle` (the browser's sandbox worker is not a secure context), there are no keys.
 */
async function hardenKeyPrototype(): Promise<void> {
  if (!globalThis.crypto?.subtle) return;
  try {
    const key = await crypto.subtle.importKey(
      'raw',
      new Uint8Array(16),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    harden(Object.getPrototypeOf(key));
  } catch {
    // No HMAC here: nothing a program could make either.
  }
}

/**
 * A mock API, built without stack traces where it still can be: msw records where each of its ~60
 * handlers was declared by formatting a stack trace per handler (`new Error().stack`), which in a
 * fresh, locked-down realm costs ~10 ms of a sandbox's boot. Nothing reads those call frames. Once
 * the program's globals are installed, V8's limit is frozen with the rest; by then the realm is warm
 * and a whole run with a new mock API takes ~3 ms.
 */
function mockApi(options: Parameters<typeof createMockApi>[0]): ReturnType<typeof createMockApi> {
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
  } catch {
    return createMockApi(options);
  }
  try {
    return createMockApi(options);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function cap(text: string): string {
  return text.length > MAX_ERROR_CHARS
    ? `${text.slice(0, MAX_ERROR_CHARS)}… (${text.length - MAX_ERROR_CHARS} more characters not shown)`
    : text;
}

/** What an error says about itself, read defensively: it is the learner's object. */
function describeError(
  thrown: unknown,
  kind: RunError['kind'],
  moduleUrl: string,
  lookup: SourceMapLookup,
): RunError {
  try {
    if (
      thrown instanceof Error ||
      (typeof thrown === 'object' && thrown !== null && 'stack' in thrown)
    ) {
      const error = thrown as Error;
      const stack = typeof error.stack === 'string' ? error.stack.slice(0, 20_000) : '';
      return {
        name: cap(String(error.name ?? 'Error')),
        message: cap(String(error.message ?? '')),
        position: positionFromStack(stack, moduleUrl, lookup),
        kind,
      };
    }
    // `throw 'text'` or `Promise.reject(42)`: no stack to map, print the value the way the console would.
    return {
      name: 'Uncaught',
      message: cap(formatSerialized(serialize(thrown))),
      position: null,
      kind,
    };
  } catch {
    return {
      name: 'Uncaught',
      message: 'an error that could not be described',
      position: null,
      kind,
    };
  }
}
