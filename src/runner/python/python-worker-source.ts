/**
 * The Python worker's bundled source, behind a dynamic import: a page loads the loader (and in
 * development, the inlined 1.3 MB bundle) only when a reader first runs Python.
 */
import load from './python-worker.ts?classic-worker';

export const loadPythonWorkerSource = load;
