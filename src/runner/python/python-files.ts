/**
 * The Python runtime's files, fetched by the page (same origin, kept by the service worker after
 * the first time) once per page, and handed to every Python worker: the worker may not fetch.
 */
import { PYODIDE_LOCK_FILE, pythonAssets } from './python-assets.ts';
import type { PythonFiles } from './python-protocol.ts';

let loading: Promise<PythonFiles> | null = null;

async function bytesOf(url: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(
      "Python's files could not be downloaded (no connection?). Connect and run again: after one run they are kept for offline use.",
    );
  }
  if (!response.ok) {
    throw new Error(
      `Python's files did not load (HTTP ${response.status} for ${url}). Reload the page and run again.`,
    );
  }
  return response.arrayBuffer();
}

export function loadPythonFiles(): Promise<PythonFiles> {
  if (!loading) {
    const started = Promise.all([
      bytesOf(pythonAssets.wasm),
      bytesOf(pythonAssets.stdlib),
      bytesOf(pythonAssets.packages),
    ]).then(([wasm, stdlib, packages]) => ({ lock: PYODIDE_LOCK_FILE, wasm, stdlib, packages }));
    // A failed download may be tried again by the next Run.
    started.catch(() => (loading = null));
    loading = started;
  }
  return loading;
}
