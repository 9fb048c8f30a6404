/**
 * One Runner per page, shared by every live example: one compiler, two spare sandboxes. The compiler
 * answers unedited examples from the build's compiled output and starts esbuild-wasm (in its worker)
 * only for code the build has not seen.
 */
import { CompilerWorker } from '../../runner/compiler-client.ts';
import { PrecompiledCompiler } from '../../runner/precompiled-compiler.ts';
import { Runner } from '../../runner/runner.ts';
import { createCompilerWorker } from '../../runner/workers.ts';
import {
  createFramedPython,
  createFramedSandbox,
  prepareSandboxFrame,
} from '../../runner/sandbox-frame.ts';
import { PythonWorker } from '../../runner/python/python-client.ts';
import { loadPythonFiles } from '../../runner/python/python-files.ts';

let runner: Runner | null = null;

export const pageCompiler = new PrecompiledCompiler({
  createCompiler: () => {
    const worker = new CompilerWorker(createCompilerWorker);
    return { warmUp: () => worker.warmUp(), compile: (code) => worker.compile(code) };
  },
});

export function getRunner(): Runner {
  runner ??= new Runner({
    createCompiler: () => pageCompiler,
    createSandbox: createFramedSandbox,
    spares: 2,
    createPython: () => new PythonWorker(createFramedPython, loadPythonFiles()),
  });
  return runner;
}

let gradingRunner: Runner | null = null;

/**
 * The Grade page's runner: its sandboxes boot one per check, back to back, so none answers a warm-up
 * request first (a reader's first Run is what that speeds up, and the Grade page has none).
 */
export function getGradingRunner(): Runner {
  gradingRunner ??= new Runner({
    createCompiler: () => pageCompiler,
    createSandbox: () => createFramedSandbox({ warmUp: false }),
    spares: 2,
  });
  return gradingRunner;
}

let framePrepared = false;

/**
 * Each live example and exercise calls this as it starts: once the page has loaded and the browser
 * is idle, the sandbox frame starts (no request, no sandbox yet), so a Run pressed at once does not
 * wait for it. After the load event, so it never competes with the page's first paint.
 */
export function prepareSandboxWhenIdle(): void {
  if (framePrepared) return;
  framePrepared = true;
  const whenIdle = () => {
    if ('requestIdleCallback' in window)
      requestIdleCallback(prepareSandboxFrame, { timeout: 2000 });
    else setTimeout(prepareSandboxFrame, 200);
  };
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}
