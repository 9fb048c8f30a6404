/**
 * Builds dist/sw.js after `astro build` and Pagefind (the search index must exist to be listed):
 * bundles src/offline/service-worker.ts with esbuild, then writes the two stages of the offline
 * download (scripts/build/service-worker-precache.ts) into it as Workbox manifests, with a revision
 * per file: `self.__WB_MANIFEST` (stored at install) and `self.__OFFLINE_REST_MANIFEST` (stored at
 * idle afterwards).
 *
 * Usage: tsx scripts/build/build-service-worker.ts [--dir dist]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { getManifest } from 'workbox-build';
import { offlineFiles } from './service-worker-precache.ts';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'dist' } } });
const dir = values.dir!;
const swDest = join(dir, 'sw.js');

await build({
  entryPoints: [join(import.meta.dirname, '..', '..', 'src', 'offline', 'service-worker.ts')],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  // Workbox logs every request in development builds.
  define: { 'process.env.NODE_ENV': '"production"' },
  outfile: swDest,
  logLevel: 'warning',
});

/** The Workbox manifest (URL and revision per file) of one stage, checked to list every file. */
async function manifest(stage: string, files: string[]): Promise<{ json: string; kib: number }> {
  const special = files.find((file) => /[*?[\]{}()!]/.test(file));
  if (special) {
    throw new Error(
      `"${special}" has a character that globs treat specially, so it cannot be stored offline as named. Rename it.`,
    );
  }
  const { manifestEntries, count, size, warnings } = await getManifest({
    globDirectory: dir,
    globPatterns: files,
    // Hashed build files need no revision of their own.
    dontCacheBustURLsMatching: /^_astro\//,
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  });
  for (const warning of warnings) console.warn(`Service worker: ${warning}`);
  if (count !== files.length) {
    throw new Error(`Service worker: listed ${count} of the ${files.length} ${stage} files.`);
  }
  return { json: JSON.stringify(manifestEntries), kib: Math.round(size / 1024) };
}

const { essential, rest } = await offlineFiles(dir);
const first = await manifest('essential', essential);
const second = await manifest('rest', rest);
let code = readFileSync(swDest, 'utf8');
for (const [placeholder, json] of [
  ['self.__WB_MANIFEST', first.json],
  ['self.__OFFLINE_REST_MANIFEST', second.json],
] as const) {
  if (code.split(placeholder).length !== 2) {
    throw new Error(
      `${swDest} should name ${placeholder} exactly once (src/offline/service-worker.ts), so the build can put the file list there.`,
    );
  }
  code = code.replace(placeholder, () => json);
}
writeFileSync(swDest, code);
console.log(
  `Service worker: ${swDest} stores ${essential.length} files at install (${first.kib} KiB before compression), then ${rest.length} at idle (${second.kib} KiB).`,
);
