/// <reference lib="webworker" />
/**
 * The compiler worker: esbuild-wasm, initialised once (the promise is cached) and kept for the whole
 * page, so only the first compile pays for loading the 14 MB wasm file (3.7 MB gzip, then cached).
 */
import * as esbuild from 'esbuild-wasm';
import wasmURL from 'esbuild-wasm/esbuild.wasm?url';
import { compileExample } from './compile.ts';
import type { FromCompiler, ToCompiler } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromCompiler) => scope.postMessage(message);

let ready: Promise<number> | null = null;
let warmed: Promise<number> | null = null;

/** Starts esbuild once; resolves with how long that took in ms. */
function initialise(): Promise<number> {
  ready ??= (async () => {
    const start = performance.now();
    await esbuild.initialize({ wasmURL, worker: false });
    return Math.round(performance.now() - start);
  })();
  return ready;
}

/**
 * The first build is several times slower than later ones; when there is time (the reader has not
 * pressed Run yet), pay for it in advance with a small program.
 */
function warmUp(): Promise<number> {
  warmed ??= (async () => {
    const start = performance.now();
    await initialise();
    await compileExample(
      esbuild,
      'const warm: number = await Promise.resolve(1);\nconsole.log(warm);',
    );
    return Math.round(performance.now() - start);
  })();
  return warmed;
}

scope.addEventListener('message', async (event: MessageEvent<ToCompiler>) => {
  const message = event.data;
  try {
    if (message.type === 'warm-up') {
      post({ type: 'warmed-up', id: message.id, initMs: await warmUp() });
      return;
    }
    await initialise();
    const result = await compileExample(esbuild, message.code);
    post(
      result.ok
        ? {
            type: 'compiled',
            id: message.id,
            js: result.js,
            sourceMap: result.sourceMap,
            warnings: result.warnings,
          }
        : { type: 'compile-failed', id: message.id, diagnostics: result.diagnostics },
    );
  } catch (error) {
    ready = null;
    warmed = null;
    post({
      type: 'compiler-crashed',
      id: message.id,
      message: `The TypeScript compiler (esbuild) failed to start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`,
    });
  }
});
