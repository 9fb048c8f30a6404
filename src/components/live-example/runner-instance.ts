/** One Runner per page, shared by every live example: one compiler, one spare sandbox. */
import { CompilerWorker } from '../../runner/compiler-client.ts';
import { Runner } from '../../runner/runner.ts';
import { createCompilerWorker, createSandboxWorker } from '../../runner/workers.ts';

let runner: Runner | null = null;

export function getRunner(): Runner {
  runner ??= new Runner({
    createCompiler: () => new CompilerWorker(createCompilerWorker),
    createSandbox: createSandboxWorker,
    spares: 2,
  });
  return runner;
}
