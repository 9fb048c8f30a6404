/**
 * The Python worker's script (src/runner/python/python-worker.ts, most of it Pyodide's
 * pyodide.asm.mjs), gzipped, as measured in a build: 1,078,404 bytes, 253,441 gzip (level 9). The
 * build warns when the worker it writes is more than 15 % away from this
 * (src/lib/python-assets-integration.ts): then update it.
 */
export const PYTHON_WORKER_GZIP_BYTES = 253_441;
