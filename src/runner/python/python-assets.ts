/**
 * Where the browser's Python comes from: same-origin, content-hashed files that the build prepares
 * (scripts/python/prepare-python-assets.ts) and `astro dev` serves alike. Importing this module fetches
 * nothing; fetch these URLs only when the reader asks for Python (a lesson page must not grow), from
 * the page, whose requests the service worker sees and keeps for offline use.
 *
 * The URLs are site paths (`/_astro/python/…`): in a worker whose own URL is `blob:` or `data:`,
 * resolve them against the site's origin.
 *
 * @example
 * // The page, when the reader runs Python (the progress bar can use pythonAssetBytes):
 * const [wasm, stdlib, packages] = await Promise.all(
 *   Object.values(pythonAssets).map((url) => fetch(url).then((r) => r.arrayBuffer())),
 * );
 * // The worker: Pyodide fetches `${indexURL}pyodide.asm.wasm` and `stdLibURL` itself (or is handed
 * // the bytes), then the packages go on sys.path as a zip:
 * const py = await loadPyodide({
 *   indexURL: new URL('./', wasmUrl).href,
 *   stdLibURL: stdlibUrl,
 *   lockFileContents: PYODIDE_LOCK_FILE,
 * });
 * installPythonPackages(py, new Uint8Array(packages)); // ./python-packages.ts
 */
import type { Lockfile } from 'pyodide';
import { gzipBytes, lockFileInfo, rawBytes, urls, versions } from 'virtual:python-assets';
import { PYTHON_WORKER_GZIP_BYTES } from './python-worker-size.ts';

export const pythonAssets: { wasm: string; stdlib: string; packages: string } = {
  /** pyodide.asm.wasm, in a folder of its own: Pyodide loads `<indexURL>pyodide.asm.wasm`. */
  wasm: urls.wasm,
  /** Pyodide's standard library, the modules a start and `import requests` load precompiled. */
  stdlib: urls.stdlib,
  /** requests and its dependencies (Debian bookworm), for installPythonPackages. */
  packages: urls.packages,
};

/** Each file's size as fetched (decoded), e.g. for a progress bar. */
export const pythonAssetBytes: { wasm: number; stdlib: number; packages: number } = rawBytes;

export { PYTHON_WORKER_GZIP_BYTES } from './python-worker-size.ts';

/**
 * About how many bytes a first Python run downloads, as a host that compresses serves them: the wasm
 * and the worker gzipped, the two zips as they are (hosts send application/zip uncompressed, and
 * their entries are deflated already: gzip would save 2 %). For "Python 3.14 and requests, N MB,
 * once"; `npm run bench` measures the same download in Chromium.
 */
export const PYTHON_DOWNLOAD_BYTES =
  gzipBytes.wasm + rawBytes.stdlib + rawBytes.packages + PYTHON_WORKER_GZIP_BYTES;

/** The versions inside, e.g. `{ python: '3.14.2', pyodide: '314.0.8', requests: '2.28.1' }`. */
export const PYTHON_VERSIONS: { python: string; pyodide: string; requests: string } = versions;

/**
 * Pass as `loadPyodide`'s `lockFileContents`. The site ships no pyodide-lock.json (it loads none of
 * Pyodide's own packages), and without this `loadPyodide` fetches `<indexURL>pyodide-lock.json` and
 * fails.
 */
export const PYODIDE_LOCK_FILE: Lockfile = { info: lockFileInfo, packages: {} };

/** Pyodide's, CPython's and the packages' licences, as one text page: link it near Python's Run. */
export const PYTHON_LICENSES_URL: string = urls.licenses;

export { PYTHON_PACKAGES_ZIP_PATH } from './python-paths.ts';
