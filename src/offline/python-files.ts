/**
 * The browser's Python in the built site: Pyodide's wasm, the standard library and the packages
 * (`_astro/python/…`, written by src/lib/python-assets-integration.ts), and the Python worker's
 * script with any chunk only it loads (named `python-worker…` or `pyodide…`). About 7 MB gzip that a
 * reader downloads only by running Python, so the offline download never includes them
 * (scripts/build/service-worker-precache.ts); the service worker keeps them once fetched, in a cache
 * of their own, so Python works offline after one run.
 */

/** Site paths, relative (`_astro/python/x.zip`) or absolute (`/_astro/python/x.zip`). */
const PYTHON_FILE = /^\/?_astro\/(python\/|python-worker[.-]|pyodide[.-])/;

export function isPythonFile(sitePath: string): boolean {
  return PYTHON_FILE.test(sitePath);
}

/** The service worker's cache for them. */
export const PYTHON_CACHE = 'course-python';

/**
 * How many Python files that cache keeps, least recently used out first: one version's three data
 * files and worker chunks, and room for the next version's while the old ones age out.
 */
export const PYTHON_CACHE_ENTRIES = 10;
