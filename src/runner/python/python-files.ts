/**
 * The Python runtime's files, fetched by the page (same origin, kept by the service worker after
 * the first time) once per page, and handed to every Python worker: the worker may not fetch.
 * The download reports its progress, so a first Run can show how far it has come.
 */
import { PYODIDE_LOCK_FILE, pythonAssetBytes, pythonAssets } from './python-assets.ts';
import type { PythonFiles } from './python-protocol.ts';

/** How much of the runtime has arrived: bytes of the files as decoded, out of all of them. */
export interface PythonDownload {
  loaded: number;
  total: number;
}

let loading: Promise<PythonFiles> | null = null;
const listeners = new Set<(progress: PythonDownload) => void>();
const TOTAL = pythonAssetBytes.wasm + pythonAssetBytes.stdlib + pythonAssetBytes.packages;
let loaded = 0;

/** Calls `listener` as the files arrive; returns the way to stop. */
export function onPythonDownload(listener: (progress: PythonDownload) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function arrived(bytes: number): void {
  loaded += bytes;
  for (const listener of listeners) listener({ loaded: Math.min(loaded, TOTAL), total: TOTAL });
}

async function bytesOf(url: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(
      "Python's files could not be downloaded (no connection?). Connect and run again: after one run they are kept for offline use.",
    );
  }
  if (!response.ok || !response.body) {
    throw new Error(
      `Python's files did not load (HTTP ${response.status} for ${url}). Reload the page and run again.`,
    );
  }
  const pieces: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pieces.push(value);
    arrived(value.length);
  }
  return new Blob(pieces as BlobPart[]).arrayBuffer();
}

export function loadPythonFiles(): Promise<PythonFiles> {
  if (!loading) {
    loaded = 0;
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
