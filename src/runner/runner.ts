/**
 * The runner client: the single entry point for running a program, in the page and in Node alike.
 * code → compile → a pre-spawned sandbox (a worker in the browser, a child process in Node) → events.
 * It owns the real-time limit and Stop: both terminate the sandbox, which ends any program at once
 * (including `while (true) {}`) without this side ever running learner code itself.
 */
import { assertNever } from './assert-never.ts';
import type { ClockKind } from './clock.ts';
import type { CompileResult } from './compile.ts';
import type { FromSandbox, RunEvent, RunSettings, ToSandbox } from './protocol.ts';
import { FLOOD_MESSAGE, SandboxMessageGuard } from './host-guard.ts';
import { RunRecorder, type RunRecord } from './run-record.ts';
import { SandboxWorker, type SandboxEndpoint } from './sandbox-client.ts';
import type { PythonWorker } from './python/python-client.ts';
import { DEFAULT_SEED } from '../../mock-api/seed.ts';

export interface Compiler {
  /** Loads the compiler and compiles a tiny program; resolves with the start-up time in ms. */
  warmUp(): Promise<number>;
  compile(code: string): Promise<CompileResult>;
}

export interface RunnerParts {
  /** Called once, on first use. */
  createCompiler: () => Compiler;
  /** Called for every run (and once ahead, for the spare). */
  createSandbox: () => SandboxEndpoint;
  /**
   * How many booted sandboxes to keep ready for the next runs. Booting one (loading the runtime,
   * freezing the built-ins, warming the mock API) takes longer than a short run, so the page keeps
   * two: a reader who runs again at once does not wait. A one-shot CLI keeps none, so it can exit.
   * @default 1
   */
  spares?: number;
  /** A new Python worker, booting (the browser only: python/python-client.ts). */
  createPython?: () => PythonWorker;
}

export interface RunOptions {
  /**
   * Mock API scenario for every request of the run.
   * @default 'normal'
   */
  scenario?: string;
  /**
   * Seed for the mock API's random choices; the same seed gives the same run.
   * @default 1
   */
  seed?: number;
  /**
   * Real milliseconds the program may run before it is stopped (what ends `while (true) {}`).
   * @default 10000
   */
  timeLimitMs?: number;
  /**
   * `real` waits as long as the program says; `virtual` jumps over every wait.
   * @default 'real'
   */
  clock?: ClockKind;
  /**
   * Virtual clock only: virtual milliseconds the program may wait in all before it is stopped.
   * @default 600000 (10 virtual minutes)
   */
  virtualLimitMs?: number;
  /** Judge the code with an exercise's compiled checks module (see ToSandbox). */
  checks?: { js: string; index: number | null };
  /**
   * The code's language: TypeScript is compiled and run in the sandbox; Python runs in a Python
   * worker whose requests the sandbox answers.
   * @default 'typescript'
   */
  language?: 'typescript' | 'python';
}

export interface RunHandle {
  /** Ends the run now. Does nothing if it already ended. */
  stop(): void;
  /** Resolves after the last event of the run has been delivered, with the run's record. */
  done: Promise<RunRecord>;
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * Runs one after another in one sandbox: the checks of one judgement (one person's code for one
 * exercise). A run that does not finish cleanly (stopped, timed out, waiting forever, crashed, over
 * its output caps) takes its sandbox with it, and the next run gets a fresh one.
 */
export interface RunSession {
  run(code: string, options: RunOptions, onEvent?: (event: RunEvent) => void): RunHandle;
  /** Ends the session's sandbox; runs already started end on their own. */
  end(): void;
}

/** The sandbox a session keeps between its runs. */
interface Lease {
  sandbox: SandboxWorker | null;
  ended: boolean;
}

export class Runner {
  readonly #parts: RunnerParts;
  #compiler: Compiler | null = null;
  readonly #spares: SandboxWorker[] = [];
  #pythonSpare: PythonWorker | null = null;
  /** Runs still to come when the caller knows (`expectRuns`): no spare is booted beyond them. */
  #runsToCome: number | null = null;

  constructor(parts: RunnerParts) {
    this.#parts = parts;
  }

  /**
   * Starts the compiler and one sandbox in the background, so the first Run does not wait for them.
   * (More spares come after the first run: booting them now would compete with the compiler.)
   * `compiler: false` boots only the sandbox: a page whose next run is precompiled at build time
   * does not need the compiler (3.7 MB of esbuild.wasm) until the reader edits. `sandboxes` boots
   * that many at once (up to `spares`): a command that judges an exercise needs one per check, and
   * one per core keeps every core busy from the start.
   */
  warmUp({
    compiler = true,
    sandboxes = 1,
  }: { compiler?: boolean; sandboxes?: number } = {}): Promise<number> {
    this.#prepareSpares(Math.min(sandboxes, this.#parts.spares ?? 1));
    return compiler ? this.#getCompiler().warmUp() : Promise.resolve(0);
  }

  /**
   * Says that at most `runs` more runs will take a sandbox and then the runner is done (a command
   * judging one exercise needs one: its checks share it), so it boots no spare that no run would
   * take: on a busy machine each unused boot takes CPU from the runs that are left.
   */
  expectRuns(runs: number): void {
    this.#runsToCome = runs;
    for (const spare of this.#spares.splice(Math.max(0, runs))) spare.terminate();
  }

  /** Ends the spare sandboxes (Node: so the process can exit). */
  dispose(): void {
    for (const spare of this.#spares.splice(0)) spare.terminate();
    this.#pythonSpare?.terminate();
    this.#pythonSpare = null;
  }

  /**
   * A session whose runs share a sandbox while each finishes cleanly. Each run still gets a scope
   * of its own in it (runtime.ts): its fetch, timers, console and mock API die with it.
   */
  session(): RunSession {
    const lease: Lease = { sandbox: null, ended: false };
    return {
      run: (code, options, onEvent) => this.#run(code, options, onEvent, lease),
      end: () => {
        lease.ended = true;
        lease.sandbox?.terminate();
        lease.sandbox = null;
      },
    };
  }

  run(code: string, options: RunOptions, onEvent: (event: RunEvent) => void = () => {}): RunHandle {
    return this.#run(code, options, onEvent, null);
  }

  #run(
    code: string,
    options: RunOptions,
    onEvent: (event: RunEvent) => void = () => {},
    lease: Lease | null,
  ): RunHandle {
    if (this.#runsToCome !== null) this.#runsToCome = Math.max(0, this.#runsToCome - 1);
    const settings: RunSettings = {
      scenario: options.scenario ?? 'normal',
      seed: options.seed ?? DEFAULT_SEED,
      clock: options.clock ?? 'real',
      ...(options.virtualLimitMs === undefined ? {} : { virtualLimitMs: options.virtualLimitMs }),
    };
    const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const recorder = new RunRecorder(settings.clock);
    let ended = false;
    // Output hit the cap, and whether the final count has been reported.
    let capped = false;
    let droppedReported = false;
    let sandbox: SandboxWorker | null = null;
    let python: PythonWorker | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let startedAt = performance.now();
    let finish!: (record: RunRecord) => void;
    const done = new Promise<RunRecord>((resolve) => (finish = resolve));

    const emit = (event: RunEvent) => {
      recorder.apply(event);
      onEvent(event);
    };
    const end = (event: RunEvent) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      // Only a session's sandbox outlives a run, and only a run that finished cleanly: whatever a
      // program that was stopped, timed out or flooded left in its realm goes with it.
      if (lease && !lease.ended && sandbox && event.type === 'finished' && !capped) {
        lease.sandbox = sandbox;
      } else sandbox?.terminate();
      python?.terminate();
      if (capped && !droppedReported) emit({ type: 'output-dropped', lines: null });
      emit(event);
      finish(recorder.record);
      this.#prepareSpares();
    };
    const elapsed = () => Math.round(performance.now() - startedAt);

    const guard = new SandboxMessageGuard();
    const fromSandbox = (received: FromSandbox) => {
      if (ended) return;
      const message = guard.admit(received);
      if (message === 'refused') return;
      if (message === 'capped') {
        capped = true;
        return;
      }
      if (message === 'flood')
        return end({ type: 'crashed', message: FLOOD_MESSAGE, durationMs: elapsed() });
      switch (message.type) {
        case 'ready':
        case 'started':
          return;
        case 'output-capped':
          capped = true;
          return;
        case 'output-dropped':
          droppedReported = true;
          return emit(message);
        case 'console':
        case 'network':
        case 'error':
        case 'checks-listed':
        case 'program-loaded':
        case 'check-result':
          return emit(message);
        case 'finished':
          return end({
            type: 'finished',
            durationMs: elapsed(),
            clockMs: message.time,
            failed: message.failed,
          });
        case 'waiting-forever':
          return end({
            type: 'waiting-forever',
            durationMs: elapsed(),
            clockMs: message.time,
            message: message.message,
          });
        case 'virtual-limit':
          return end({
            type: 'timed-out',
            limitMs: message.limitMs,
            clock: 'virtual',
            durationMs: elapsed(),
          });
        default:
          assertNever(message);
      }
    };

    /** Starts the clock on the run, and sends it to the sandbox. */
    const launch = (ready: SandboxWorker, message: ToSandbox, transfer: Transferable[] = []) => {
      startedAt = performance.now();
      emit({ type: 'started', clock: settings.clock });
      timer = setTimeout(
        () => end({ type: 'timed-out', limitMs: limit, clock: 'real', durationMs: elapsed() }),
        limit,
      );
      ready.run(
        message,
        fromSandbox,
        (crash) => end({ type: 'crashed', message: crash, durationMs: elapsed() }),
        transfer,
      );
    };

    const startTypeScript = async () => {
      emit({ type: 'compiling' });
      const result = await this.#getCompiler().compile(code);
      if (ended) return;
      if (!result.ok) return end({ type: 'compile-failed', diagnostics: result.diagnostics });
      sandbox = lease?.sandbox ?? this.#takeSpare();
      if (lease) lease.sandbox = null;
      await sandbox.ready;
      // Boot the next runs' sandboxes now, while this one runs, so a quick re-run does not wait for
      // them; not before this one is ready, or on a first Run they compete with it for the CPU.
      this.#prepareSpares();
      if (ended) return sandbox.terminate();
      launch(sandbox, {
        type: 'run',
        js: result.js,
        sourceMap: result.sourceMap,
        settings,
        ...(options.checks ? { checks: options.checks } : {}),
      });
    };

    const startPython = async () => {
      python = this.#takePython();
      if (!python.booted) emit({ type: 'loading-python' });
      sandbox = this.#takeSpare();
      await Promise.all([python.ready, sandbox.ready]);
      // The next Python run's worker boots now (3 s of work on another core), so it is warm.
      this.#preparePythonSpare();
      this.#prepareSpares();
      if (ended) return;
      const bridge = new MessageChannel();
      python.attach(bridge.port1);
      launch(sandbox, { type: 'run', js: '', sourceMap: '', settings, python: { code } }, [
        bridge.port2,
      ]);
    };
    (options.language === 'python' ? startPython() : startTypeScript()).catch((error: unknown) =>
      end({
        type: 'crashed',
        message: error instanceof Error ? error.message : String(error),
        durationMs: elapsed(),
      }),
    );

    return { stop: () => end({ type: 'stopped', durationMs: elapsed() }), done };
  }

  #getCompiler(): Compiler {
    this.#compiler ??= this.#parts.createCompiler();
    return this.#compiler;
  }

  /** The oldest spare (the one most likely booted by now), or a new sandbox. */
  #takeSpare(): SandboxWorker {
    return this.#spares.shift() ?? new SandboxWorker(this.#parts.createSandbox);
  }

  #takePython(): PythonWorker {
    const create = this.#parts.createPython;
    if (!create)
      throw new Error('Python runs only in the browser here: this runner has no Python.');
    const spare = this.#pythonSpare;
    this.#pythonSpare = null;
    return spare ?? create();
  }

  /** Keeps one booted Python worker ready: created once the reader has run Python. */
  #preparePythonSpare(): void {
    this.#pythonSpare ??= this.#parts.createPython?.() ?? null;
  }

  #prepareSpares(count = this.#parts.spares ?? 1): void {
    const wanted = Math.min(count, this.#runsToCome ?? count);
    while (this.#spares.length < wanted) {
      this.#spares.push(new SandboxWorker(this.#parts.createSandbox));
    }
  }
}
