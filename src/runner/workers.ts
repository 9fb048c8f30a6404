/**
 * How the browser starts the runner's workers. Vite finds `new Worker(new URL(..., import.meta.url))`
 * at build time and emits each worker as its own hashed, same-origin module file.
 */
export function createCompilerWorker(): Worker {
  return new Worker(new URL('./compiler-worker.ts', import.meta.url), {
    type: 'module',
    name: 'compiler',
  });
}

export function createSandboxWorker(): Worker {
  return new Worker(new URL('./sandbox-worker.ts', import.meta.url), {
    type: 'module',
    name: 'sandbox',
  });
}
