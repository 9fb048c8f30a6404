/**
 * Precompiled examples: the build compiles every runnable example with native esbuild, through the
 * browser's own `compileExample` (same options, same esbuild version: src/runner/compile-native.test.ts
 * proves the output is byte-identical to esbuild-wasm's), and writes each result to
 * `/compiled/<sha256 of the source>.json`. The first Run of an unedited example fetches that small file
 * instead of loading the 3.7 MB (gzip) esbuild.wasm.
 *
 * A file per example rather than the output inline in the page: the lesson's HTML stays as small as
 * before (a 64-character hash per example), and only the example the reader runs is fetched.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Folder of the site (and of dist/) that holds the compiled examples. */
export const PRECOMPILED_DIR = 'compiled';

/** Hex SHA-256 of the UTF-8 source: the same key as `sourceHash` in src/runner/compile-cache.ts. */
export function sourceHashSync(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** The site path of an example's compiled output. */
export function precompiledPath(code: string): string {
  return `/${PRECOMPILED_DIR}/${sourceHashSync(code)}.json`;
}

/**
 * Sources the remark plugin has turned into live examples during this build, by hash. The plugin and
 * the integration below are both imported by astro.config.mjs, so they share this module.
 */
const sources = new Map<string, string>();

/** Called by the remark plugin for each runnable fence; returns the path its page will fetch. */
export function notePrecompiledSource(code: string): string {
  sources.set(sourceHashSync(code), code);
  return precompiledPath(code);
}

/** What the build writes for one example: `compileExample` with native esbuild, as JSON. */
export async function compileToJson(code: string): Promise<string> {
  // Imported here so the remark plugin (and its unit test) does not load native esbuild.
  const esbuild = await import('esbuild');
  const { compileExample } = await import('../runner/compile.ts');
  return JSON.stringify(await compileExample(esbuild, code));
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

export function precompiledExamples(): AstroIntegration {
  return {
    name: 'precompiled-examples',
    hooks: {
      // `astro dev`: compile on request, so the first Run behaves as in the built site.
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (request, response, next) => {
          const match = /^\/compiled\/([0-9a-f]{64})\.json$/.exec(request.url ?? '');
          const code = match && sources.get(match[1] ?? '');
          if (code === undefined || code === null) return next();
          response.setHeader('content-type', 'application/json');
          response.end(await compileToJson(code));
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = join(fileURLToPath(dir), PRECOMPILED_DIR);
        await mkdir(outDir, { recursive: true });
        for (const [hash, code] of sources) {
          await writeFile(join(outDir, `${hash}.json`), await compileToJson(code));
        }
        // Every page's reference must have its file: a page whose example was rendered from a cache
        // (so the remark plugin never saw it) would otherwise silently lose its instant first Run.
        const missing = new Set<string>();
        for (const file of await htmlFiles(fileURLToPath(dir))) {
          const html = await readFile(file, 'utf8');
          for (const [, hash] of html.matchAll(
            /data-compiled="\/compiled\/([0-9a-f]{64})\.json"/g,
          )) {
            if (hash && !sources.has(hash)) missing.add(`${file}: ${hash}`);
          }
        }
        if (missing.size > 0) {
          throw new Error(
            `Precompiled examples: ${missing.size} example(s) in the built pages were not seen by the remark plugin, so their compiled output is missing:\n${[...missing].join('\n')}\nDelete .astro/ and node_modules/.astro/ and build again.`,
          );
        }
        logger.info(`${sources.size} examples precompiled into ${PRECOMPILED_DIR}/`);
      },
    },
  };
}
