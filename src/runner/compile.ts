/**
 * Compiles one example from TypeScript to an ES module with esbuild. Environment-free: the caller
 * passes an initialised esbuild (esbuild-wasm in the compiler worker, the same package in Node tests).
 */
import type { BuildFailure, Message, Plugin, build as esbuildBuild } from 'esbuild-wasm';
import type { Diagnostic } from './protocol.ts';
import { runScopeDefines } from './run-scope-names.ts';

export interface Esbuild {
  build: typeof esbuildBuild;
}

export type CompileResult =
  | { ok: true; js: string; sourceMap: string; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** The file name esbuild reports; shown to nobody, but it names the source in the map. */
export const SOURCE_FILE = 'example.ts';

export interface CompileOptions {
  /**
   * Modules the code may import, by specifier, with their TypeScript source: an exercise's checks
   * import `course:checks`. Learner code imports nothing.
   * @default {}
   */
  modules?: Record<string, string>;
}

/**
 * Examples import nothing: a static import is a compile error that says so. `import(url)` with a
 * computed URL cannot be checked here, so the build lowers it to a `require` call that the sandbox
 * answers with an explanation.
 */
const onlyModules = (modules: Record<string, string>): Plugin => ({
  name: 'only-given-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      Object.hasOwn(modules, args.path)
        ? { path: args.path, namespace: 'given' }
        : {
            errors: [
              {
                text:
                  `Cannot import "${args.path}": examples run in a sandbox and cannot import modules: ` +
                  'everything they need (fetch, URL, AbortSignal, ...) is built in.' +
                  ' Remove the import and use the built-in API instead.',
              },
            ],
          },
    );
    build.onLoad({ filter: /.*/, namespace: 'given' }, (args) => ({
      contents: modules[args.path],
      loader: 'ts',
    }));
  },
});

export async function compileExample(
  esbuild: Esbuild,
  code: string,
  { modules = {} }: CompileOptions = {},
): Promise<CompileResult> {
  try {
    const result = await esbuild.build({
      stdin: { contents: code, loader: 'ts', sourcefile: SOURCE_FILE },
      bundle: true,
      write: false,
      format: 'esm',
      // Chromium runs everything we write (top-level await, `using`); lowering would only move lines.
      target: 'esnext',
      supported: { 'dynamic-import': false },
      sourcemap: 'external',
      outfile: 'example.js',
      plugins: [onlyModules(modules)],
      // The run's fetch, console, timers and global object are the run's own (run-scope-names.ts).
      define: runScopeDefines(),
      logLevel: 'silent',
    });
    const js = result.outputFiles?.find((file) => file.path.endsWith('.js'))?.text ?? '';
    const sourceMap = result.outputFiles?.find((file) => file.path.endsWith('.map'))?.text ?? '{}';
    return {
      ok: true,
      js,
      sourceMap,
      warnings: result.warnings.map((m) => toDiagnostic(m, 'warning')),
    };
  } catch (error) {
    const failure = error as Partial<BuildFailure>;
    if (!Array.isArray(failure.errors)) throw error;
    return { ok: false, diagnostics: failure.errors.map((m) => toDiagnostic(m, 'error')) };
  }
}

/** esbuild lines are 1-based and columns 0-based; editors and people count columns from 1. */
export function toDiagnostic(message: Message, severity: Diagnostic['severity']): Diagnostic {
  const location = message.location;
  return {
    message: message.text,
    line: location?.line ?? 1,
    column: (location?.column ?? 0) + 1,
    length: Math.max(1, location?.length ?? 1),
    severity,
  };
}

/** "Line 3, column 9: Unexpected ";"" — how a diagnostic reads in the Console. */
export function describeDiagnostic(diagnostic: Diagnostic): string {
  return `Line ${diagnostic.line}, column ${diagnostic.column}: ${diagnostic.message}`;
}
