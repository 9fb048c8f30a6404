/**
 * The runner client: the page's single entry point for running an example.
 * editor text → compile (compiler worker) → a pre-spawned sandbox worker → events → UI.
 * It owns the time limit and Stop: both terminate the sandbox worker, which ends any program at once
 * (including `while (true) {}`) without the page ever running learner code itself.
 */
import type { CompileFn } from './compile-cache.ts';
import { CompilerWorker } from './compiler-client.ts';
import type { RunEvent, RunSettings } from './protocol.ts';
import { SandboxWorker } from './sandbox-client.ts';

export interface RunnerWorkers {
  createCompilerWorker: () => Worker;
  createSandboxWorker: () => Worker;
  /**
   * Puts a strategy in front of the compiler worker (a cache by source hash, precompiled examples);
   * it receives the worker's compile and returns the one the Runner calls.
   * @default the compiler worker's compile, unchanged
   */
  wrapCompile?: (compile: CompileFn) => CompileFn;
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
   * Milliseconds the program may run before it is stopped.
   * @default 10000
   */
  timeLimitMs?: number;
}

export interface RunHandle {
  /** Ends the run now. Does nothing if it already ended. */
  stop(): void;
  /** Resolves after the last event of the run has been delivered. */
  done: Promise<void>;
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;

export class Runner {
  readonly #workers: RunnerWorkers;
  #compiler: CompilerWorker | null = null;
  #spare: SandboxWorker | null = null;
  readonly #compile: CompileFn;

  constructor(workers: RunnerWorkers) {
    this.#workers = workers;
    // Lazy: the worker (and esbuild.wasm) is created only when a strategy actually calls through.
    const viaWorker: CompileFn = (code) => this.#getCompiler().compile(code);
    this.#compile = workers.wrapCompile?.(viaWorker) ?? viaWorker;
  }

  /** Starts esbuild and a sandbox in the background, so the first Run does not wait for them. */
  warmUp(): Promise<number> {
    this.#prepareSpare();
    return this.#getCompiler().warmUp();
  }

  run(code: string, options: RunOptions, onEvent: (event: RunEvent) => void): RunHandle {
    const settings: RunSettings = {
      scenario: options.scenario ?? 'normal',
      seed: options.seed ?? 1,
    };
    const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    let ended = false;
    // Output hit the cap, and whether the final count has been reported.
    let capped = false;
    let droppedReported = false;
    let sandbox: SandboxWorker | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let startedAt = performance.now();
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));

    const end = (event: RunEvent) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      sandbox?.terminate();
      if (capped && !droppedReported) onEvent({ type: 'output-dropped', lines: null });
      onEvent(event);
      finish();
      this.#prepareSpare();
    };
    const elapsed = () => Math.round(performance.now() - startedAt);

    const start = async () => {
      onEvent({ type: 'compiling' });
      const result = await this.#compile(code);
      if (ended) return;
      if (!result.ok) return end({ type: 'compile-failed', diagnostics: result.diagnostics });
      sandbox = this.#takeSpare();
      // Boot the next run's sandbox now, while this one runs, so a quick re-run does not wait for it.
      this.#prepareSpare();
      await sandbox.ready;
      if (ended) return sandbox.terminate();
      startedAt = performance.now();
      onEvent({ type: 'started' });
      timer = setTimeout(() => end({ type: 'timed-out', limitMs: limit }), limit);
      sandbox.run(
        { type: 'run', js: result.js, sourceMap: result.sourceMap, settings },
        (message) => {
          if (ended) return;
          if (message.type === 'output-capped') capped = true;
          else if (message.type === 'output-dropped') droppedReported = true;
          if (message.type === 'finished') {
            end({ type: 'finished', durationMs: elapsed(), failed: message.failed });
          } else if (
            message.type !== 'started' &&
            message.type !== 'ready' &&
            message.type !== 'output-capped'
          ) {
            onEvent(message);
          }
        },
        (message) => end({ type: 'crashed', message }),
      );
    };
    start().catch((error: unknown) =>
      end({ type: 'crashed', message: error instanceof Error ? error.message : String(error) }),
    );

    return { stop: () => end({ type: 'stopped', durationMs: elapsed() }), done };
  }

  #getCompiler(): CompilerWorker {
    this.#compiler ??= new CompilerWorker(this.#workers.createCompilerWorker);
    return this.#compiler;
  }

  #takeSpare(): SandboxWorker {
    const sandbox = this.#spare ?? new SandboxWorker(this.#workers.createSandboxWorker);
    this.#spare = null;
    return sandbox;
  }

  /** Keeps exactly one idle sandbox ready for the next run. */
  #prepareSpare(): void {
    this.#spare ??= new SandboxWorker(this.#workers.createSandboxWorker);
  }
}
