/**
 * Vite plugin: `import load from './x.ts?classic-worker'` gives a function that resolves to the source
 * of `x.ts` bundled as one classic script (IIFE). The sandbox frame starts its workers from blob: URLs,
 * and in an opaque-origin frame only a classic blob: worker starts (a module one does not), so the
 * worker cannot be Vite's usual ES-module worker. The build emits the bundle as a hashed asset that
 * the page fetches once; the dev server inlines it.
 */
import { basename, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

const SUFFIX = '?classic-worker';

export function classicWorker(): Plugin {
  let serving = false;
  return {
    name: 'classic-worker',
    enforce: 'pre',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, {
        skipSelf: true,
      });
      return resolved ? resolved.id + SUFFIX : null;
    },
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const entry = id.slice(0, -SUFFIX.length);
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        minify: !serving,
        write: false,
        metafile: true,
        // fake-timers reads Node's util only when `process` exists, which it never does in a worker;
        // Pyodide's loader imports Node's modules (and ws) only when it runs in Node.
        external: ['util', 'node:*', 'ws'],
        // The Python worker's own Python module is bundled as text.
        loader: { '.py': 'text' },
        logLevel: 'silent',
      });
      for (const input of Object.keys(result.metafile.inputs)) this.addWatchFile(resolve(input));
      const code = result.outputFiles[0]!.text;
      if (serving) return `export default async () => ${JSON.stringify(code)};`;
      const reference = this.emitFile({
        type: 'asset',
        name: basename(entry).replace(/\.ts$/, '.js'),
        source: code,
      });
      return [
        `const url = import.meta.ROLLUP_FILE_URL_${reference};`,
        'export default async () => {',
        '  const response = await fetch(url);',
        '  if (!response.ok) throw new Error(`the sandbox script did not load (HTTP ${response.status}): reload the page`);',
        '  return response.text();',
        '};',
      ].join('\n');
    },
  };
}
