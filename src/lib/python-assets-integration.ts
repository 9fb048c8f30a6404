/**
 * Astro integration for the browser's Python files (scripts/python/prepare-python-assets.ts makes
 * them): `astro build` writes them into the site, `astro dev` serves them from the cache, and both give
 * the page their URLs through the virtual module `virtual:python-assets` (read it through
 * src/runner/python/python-assets.ts).
 *
 * The runtime files are named after their content (`_astro/python/python-stdlib.<hash>.zip`; the wasm
 * in a folder named after its hash, since Pyodide looks for it as `<indexURL>pyodide.asm.wasm`), so a
 * cached copy is never stale. Nothing here adds them to a page: only code that runs when the reader
 * asks for Python fetches them, and the service worker keeps them once fetched
 * (src/offline/python-files.ts).
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Plugin } from 'vite';
import type { PreparedPython, PythonFileKind } from '../../scripts/python/prepare-python-assets.ts';
import { PYTHON_WORKER_GZIP_BYTES } from '../runner/python/python-worker-size.ts';

export const VIRTUAL_ID = 'virtual:python-assets';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
};

/** The virtual module: the files' URLs under `base`, their sizes and the versions inside. */
export function pythonAssetsModule(prepared: PreparedPython, base: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const urls = Object.fromEntries(
    Object.entries(prepared.files).map(([kind, file]) => [kind, `${root}${file.sitePath}`]),
  ) as Record<PythonFileKind, string>;
  const runtime = ['wasm', 'stdlib', 'packages'] as const;
  const pick = (key: 'bytes' | 'gzipBytes') =>
    Object.fromEntries(runtime.map((kind) => [kind, prepared.files[kind][key]]));
  const exports = {
    urls,
    rawBytes: pick('bytes'),
    gzipBytes: pick('gzipBytes'),
    versions: prepared.versions,
    lockFileInfo: prepared.lockFileInfo,
  };
  return Object.entries(exports)
    .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
    .join('\n');
}

function virtualModule(prepare: () => Promise<PreparedPython>): Plugin {
  let base = '/';
  return {
    name: 'python-assets',
    configResolved(config) {
      base = config.base;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return null;
      return pythonAssetsModule(await prepare(), base);
    },
  };
}

function describe(prepared: PreparedPython): string {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  const { wasm, stdlib, packages } = prepared.files;
  return `Python ${prepared.versions.python} (Pyodide ${prepared.versions.pyodide}) and requests ${prepared.versions.requests}: ${prepared.compiled.stdlib} + ${prepared.compiled.packages} modules byte-compiled; wasm ${mb(wasm.gzipBytes)}, standard library ${mb(stdlib.gzipBytes)}, packages ${mb(packages.gzipBytes)} gzip (${prepared.fromCache ? 'cached' : 'prepared'} in ${prepared.ms} ms)`;
}

/**
 * PYTHON_DOWNLOAD_BYTES counts the Python worker by a measured constant (the worker is built after
 * the page that shows the figure): say when the worker written now has drifted from it.
 */
async function checkWorkerSize(
  assetsDir: string,
  logger: AstroIntegrationLogger | undefined,
): Promise<void> {
  const worker = (await readdir(assetsDir)).find((name) =>
    /^python-worker\.[\w-]+\.js$/.test(name),
  );
  if (!worker) return;
  const gzipBytes = gzipSync(await readFile(join(assetsDir, worker)), { level: 9 }).length;
  if (Math.abs(gzipBytes - PYTHON_WORKER_GZIP_BYTES) > 0.15 * PYTHON_WORKER_GZIP_BYTES) {
    logger?.warn(
      `The Python worker (${worker}) is ${gzipBytes} bytes gzip, PYTHON_WORKER_GZIP_BYTES says ${PYTHON_WORKER_GZIP_BYTES}: update it in src/runner/python/python-worker-size.ts, so the download the page announces stays right.`,
    );
  }
}

export function pythonAssets(): AstroIntegration {
  let preparing: Promise<PreparedPython> | undefined;
  let logger: AstroIntegrationLogger | undefined;
  const prepare = () =>
    (preparing ??= (async () => {
      // Imported when first needed: loading the config (astro sync, astro check, the schema tests'
      // copies of src/) needs nothing of the build step's.
      const { preparePythonAssets } = await import('../../scripts/python/prepare-python-assets.ts');
      const prepared = await preparePythonAssets();
      logger?.info(describe(prepared));
      return prepared;
    })());

  return {
    name: 'python-assets',
    hooks: {
      'astro:config:setup': ({ updateConfig, logger: integrationLogger }) => {
        logger = integrationLogger;
        updateConfig({
          vite: {
            plugins: [virtualModule(prepare)],
            // A worker that imports python-assets.ts resolves the module too.
            worker: { plugins: () => [virtualModule(prepare)] },
          },
        });
      },
      // `astro dev`: the same paths as the built site, straight from the cache.
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const path = (request.url ?? '').split('?')[0]!;
          if (!path.startsWith('/_astro/python/') && !path.startsWith('/licenses/')) return next();
          prepare().then((prepared) => {
            const file = Object.values(prepared.files).find((f) => `/${f.sitePath}` === path);
            if (!file) return next();
            response.setHeader('content-type', CONTENT_TYPES[path.slice(path.lastIndexOf('.'))]!);
            response.setHeader('content-length', String(file.bytes));
            createReadStream(file.source).pipe(response);
          }, next);
        });
      },
      'astro:build:done': async ({ dir }) => {
        const prepared = await prepare();
        const outDir = fileURLToPath(dir);
        for (const file of Object.values(prepared.files)) {
          const target = join(outDir, file.sitePath);
          await mkdir(dirname(target), { recursive: true });
          await copyFile(file.source, target);
        }
        await checkWorkerSize(join(outDir, '_astro'), logger);
      },
    },
  };
}
