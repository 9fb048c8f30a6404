/** Written by src/lib/python-assets-integration.ts at build (and by `astro dev`). */
declare module 'virtual:python-assets' {
  type Runtime = { wasm: string; stdlib: string; packages: string };
  /** Site paths (`/_astro/python/…`, `/licenses/…`) of the prepared files. */
  export const urls: Runtime & { licenses: string; packagesSource: string };
  export const rawBytes: { [K in keyof Runtime]: number };
  export const gzipBytes: { [K in keyof Runtime]: number };
  export const versions: { python: string; pyodide: string; requests: string };
  /** The `info` of Pyodide's pyodide-lock.json. */
  export const lockFileInfo: import('pyodide').Lockfile['info'];
}
