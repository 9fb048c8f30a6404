/**
 * How compiled code reaches the names whose values belong to one run. A sandbox runs the checks of
 * one judgement one after another, so these must never resolve on the realm's global object, where
 * a callback a previous check left behind would find the current check's `fetch` or timers. The
 * compiler (compile.ts) rewrites each of them, and `globalThis`/`self`, to a property of the run's
 * own scope object, which the runtime hands to the module's first line (runtime.ts). A function
 * from an earlier run keeps its own run's scope, and that run's capabilities are dead.
 */

/** The module-level binding the runtime's first line declares: `const __courseRun = …`. */
export const RUN_SCOPE_BINDING = '__courseRun';

/**
 * The function on the realm's global object that the first line calls with its load's token. The
 * runtime's first line names it; compiled code that names it gets the scope's (missing) property.
 */
export const MODULE_STARTED = '__sandboxModuleStarted';

/**
 * Per-run values (the run's fetch, console, clock, storage) and values a program must not share
 * with the runtime (SES's powerful `Error`, Node's `Buffer`, whose memory pool the runtime's own
 * requests use). Every other global is frozen, stateless and the same for every run.
 */
export const RUN_BOUND_NAMES = [
  'fetch',
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'Date',
  'performance',
  'AbortSignal',
  'localStorage',
  'require',
  'Error',
  'Buffer',
] as const;

/** esbuild's `define`: the run-bound names and the global object, as the run's scope object. */
export function runScopeDefines(): Record<string, string> {
  const defines: Record<string, string> = {
    globalThis: RUN_SCOPE_BINDING,
    self: RUN_SCOPE_BINDING,
  };
  for (const name of [...RUN_BOUND_NAMES, MODULE_STARTED]) {
    defines[name] = `${RUN_SCOPE_BINDING}.${name}`;
  }
  return defines;
}
