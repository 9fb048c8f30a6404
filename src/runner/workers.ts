/**
 * How the browser starts the compiler worker. Vite finds `new Worker(new URL(..., import.meta.url))`
 * at build time and emits it as its own hashed, same-origin module file. (Sandbox workers start in
 * the sandbox frame instead: sandbox-frame.ts.)
 */
export function createCompilerWorker(): Worker {
  return new Worker(new URL('./compiler-worker.ts', import.meta.url), {
    type: 'module',
    name: 'compiler',
  });
}
