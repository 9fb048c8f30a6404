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

/** Starts esbuild once; resolves with how long that took in ms. */
function initialise(): Promise<number> {
  ready ??= (async () => {
    const start = performance.now();
    await esbuild.initialize({ wasmURL, worker: false });
    // The first build is several times slower than later ones; pay for it before the reader waits.
    await compileExample(
      esbuild,
      'const warm: number = await Promise.resolve(1);\nconsole.log(warm);',
    );
    return Math.round(performance.now() - start);
  })();
  return ready;
}

scope.addEventListener('message', async (event: MessageEvent<ToCompiler>) => {
  const message = event.data;
  try {
    const initMs = await initialise();
    if (message.type === 'warm-up') {
      post({ type: 'warmed-up', id: message.id, initMs });
      return;
    }
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
    post({
      type: 'compiler-crashed',
      id: message.id,
      message: `The TypeScript compiler (esbuild) failed to start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`,
    });
  }
});
