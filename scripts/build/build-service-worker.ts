/**
 * Builds dist/sw.js after `astro build` and Pagefind (the search index must exist to be listed):
 * bundles src/offline/service-worker.ts with esbuild, then Workbox's injectManifest writes the
 * precache list (scripts/build/service-worker-precache.ts) with a revision per file into it.
 *
 * Usage: tsx scripts/build/build-service-worker.ts [--dir dist]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { precacheFiles } from './service-worker-precache.ts';

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

const files = await precacheFiles(dir);
const special = files.find((file) => /[*?[\]{}()!]/.test(file));
if (special) {
  throw new Error(
    `"${special}" has a character that globs treat specially, so it cannot be precached as named. Rename it.`,
  );
}
const { count, size, warnings } = await injectManifest({
  swSrc: swDest,
  swDest,
  globDirectory: dir,
  globPatterns: files,
  // Hashed build files need no revision of their own.
  dontCacheBustURLsMatching: /^_astro\//,
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
});
for (const warning of warnings) console.warn(`Service worker: ${warning}`);
if (count !== files.length) {
  throw new Error(`Service worker: listed ${count} of the ${files.length} files to precache.`);
}
console.log(
  `Service worker: ${swDest} precaches ${count} files (${Math.round(size / 1024)} KiB before compression).`,
);
