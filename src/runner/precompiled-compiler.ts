/**
 * The page's compiler: it answers from the build's precompiled output (src/lib/precompiled-examples.ts)
 * when the code is exactly an example's source, and only otherwise starts the real compiler
 * (esbuild-wasm in its worker). So the first Run of an unedited example fetches a few KiB of JSON and
 * never loads esbuild.wasm; the reader's first edit starts the compiler in the background
 * (`warmUp`). Environment-free: `fetch` is passed in.
 */
import { CompileCache } from './compile-cache.ts';
import type { CompileResult } from './compile.ts';
import type { Diagnostic } from './protocol.ts';
import type { Compiler } from './runner.ts';

export interface PrecompiledCompilerParts {
  /** Starts the real compiler; called at most once, on the first compile or warm-up that needs it. */
  createCompiler: () => Compiler;
  /** @default globalThis.fetch */
  fetch?: (url: string) => Promise<Response>;
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const d = value as Diagnostic;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.message === 'string' &&
    typeof d.line === 'number' &&
    typeof d.column === 'number' &&
    typeof d.length === 'number' &&
    (d.severity === 'error' || d.severity === 'warning')
  );
}

/** The shape `compileExample` returns, checked: a damaged file must not reach the sandbox. */
export function isCompileResult(value: unknown): value is CompileResult {
  const r = value as Record<string, unknown>;
  if (typeof r !== 'object' || r === null) return false;
  if (r.ok === true) {
    return (
      typeof r.js === 'string' &&
      typeof r.sourceMap === 'string' &&
      Array.isArray(r.warnings) &&
      r.warnings.every(isDiagnostic)
    );
  }
  return r.ok === false && Array.isArray(r.diagnostics) && r.diagnostics.every(isDiagnostic);
}

export class PrecompiledCompiler implements Compiler {
  readonly #parts: PrecompiledCompilerParts;
  /** Example source → path of its compiled output. */
  readonly #paths = new Map<string, string>();
  /** Path → its fetch, so a prefetch and the Run share one request. */
  readonly #fetches = new Map<string, Promise<CompileResult | null>>();
  #compiler: Compiler | null = null;
  readonly compile: (code: string) => Promise<CompileResult>;

  constructor(parts: PrecompiledCompilerParts) {
    this.#parts = parts;
    // Running the same code again (Run twice, Reset then Run) skips even the fetch.
    this.compile = new CompileCache().wrap(async (code) => {
      const path = this.#paths.get(code);
      const built = path === undefined ? null : await this.#fetch(path);
      return built ?? this.#getCompiler().compile(code);
    });
  }

  /** Whether the real compiler has been started (tests and benchmarks read it). */
  get compilerStarted(): boolean {
    return this.#compiler !== null;
  }

  /** Tells the compiler that the build compiled `code` into the file at `path`. */
  register(code: string, path: string): void {
    this.#paths.set(code, path);
  }

  /** Whether `code` can run without the real compiler. */
  has(code: string): boolean {
    return this.#paths.has(code);
  }

  /** Fetches the compiled output of `code` ahead of its Run (the pointer came near the example). */
  prefetch(code: string): void {
    const path = this.#paths.get(code);
    if (path !== undefined) void this.#fetch(path);
  }

  /** Starts the real compiler in the background: the reader is editing. */
  warmUp(): Promise<number> {
    return this.#getCompiler().warmUp();
  }

  #getCompiler(): Compiler {
    this.#compiler ??= this.#parts.createCompiler();
    return this.#compiler;
  }

  /** The build's output, or null (missing, offline and not cached, damaged): then the compiler runs. */
  #fetch(path: string): Promise<CompileResult | null> {
    let pending = this.#fetches.get(path);
    if (!pending) {
      const fetchFn = this.#parts.fetch ?? ((url: string) => fetch(url));
      pending = (async () => {
        try {
          const response = await fetchFn(path);
          if (!response.ok) return null;
          const value: unknown = await response.json();
          return isCompileResult(value) ? value : null;
        } catch {
          return null;
        }
      })();
      this.#fetches.set(path, pending);
      // A failure is not kept: the next Run may be back online.
      void pending.then((result) => {
        if (result === null) this.#fetches.delete(path);
      });
    }
    return pending;
  }
}
