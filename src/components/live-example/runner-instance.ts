/** One Runner per page, shared by every live example: one compiler, two spare sandboxes. */
import { CompileCache } from '../../runner/compile-cache.ts';
import { CompilerWorker } from '../../runner/compiler-client.ts';
import { Runner } from '../../runner/runner.ts';
import { createCompilerWorker } from '../../runner/workers.ts';
import { createFramedSandbox } from '../../runner/sandbox-frame.ts';

let runner: Runner | null = null;

export function getRunner(): Runner {
  runner ??= new Runner({
    createCompiler: () => {
      const worker = new CompilerWorker(createCompilerWorker);
      // Running the same code again (Run twice, Reset then Run) skips the compiler.
      const compile = new CompileCache().wrap((code) => worker.compile(code));
      return { warmUp: () => worker.warmUp(), compile };
    },
    createSandbox: createFramedSandbox,
    spares: 2,
  });
  return runner;
}
