/** One Runner per page, shared by every live example: one compiler, one spare sandbox. */
import { CompileCache } from '../../runner/compile-cache.ts';
import { Runner } from '../../runner/runner.ts';
import { createCompilerWorker, createSandboxWorker } from '../../runner/workers.ts';

let runner: Runner | null = null;

export function getRunner(): Runner {
  runner ??= new Runner({
    createCompilerWorker,
    createSandboxWorker,
    // Running the same code again (Run twice, Reset then Run) skips the compiler.
    wrapCompile: (compile) => new CompileCache().wrap(compile),
  });
  return runner;
}
