/** See src/lib/classic-worker-plugin.ts: the module's source, bundled as one classic script. */
declare module '*?classic-worker' {
  const loadSource: () => Promise<string>;
  export default loadSource;
}

/** Python source bundled as text (the classic-worker plugin's loader for .py). */
declare module '*.py' {
  const source: string;
  export default source;
}

/** Pyodide's Emscripten module factory, handed to loadPyodide so nothing is imported at run time. */
declare module 'pyodide/pyodide.asm.mjs' {
  import type { loadPyodide } from 'pyodide';
  type Factory = NonNullable<Parameters<typeof loadPyodide>[0]>['createPyodideModule'];
  const createPyodideModule: NonNullable<Factory>;
  export default createPyodideModule;
}
