/**
 * Which files of the built site the service worker stores on a reader's first visit, so the whole
 * course works offline afterwards: every page, everything a page loads before the reader acts, what a
 * Run of an unedited example needs (the sandbox worker and the compiled examples), the search index
 * and the site's own public files.
 *
 * Left out on purpose: what only the editor and the compiler load (Monaco's chunks and workers, the
 * 14 MB esbuild.wasm). A reader who never edits should not download them; one who does gets them
 * kept by the service worker's runtime cache as they are fetched. A page's dynamic `import()` is
 * exactly that boundary (the editor loads that way), so the walk follows only static imports, and
 * the workers a page starts (`new URL('/_astro/...worker...js', import.meta.url)`).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { init, parse } from 'es-module-lexer';

/** Public files the service worker must not list: itself. */
const NEVER = new Set(['sw.js']);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Site paths (`/_astro/x.js`) of the scripts, styles and module preloads an HTML page names. */
function pageAssets(html: string): string[] {
  const found = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="(\/[^"#?]+)"/g)];
  return found.map((match) => match[1]!).filter((path) => /\.(js|mjs|css)$/.test(path));
}

/** Static imports and started workers of one built module, as paths relative to the site. */
function moduleDependencies(file: string, code: string): string[] {
  const [imports] = parse(code);
  const fromImports = imports
    // d === -1: a static import; -2: import.meta. Dynamic imports (d >= 0) are where the editor starts.
    .filter((entry) => entry.d === -1 && entry.n !== undefined && /^\.{0,2}\//.test(entry.n))
    .map((entry) =>
      entry.n!.startsWith('/')
        ? entry.n!.slice(1)
        : posix.normalize(posix.join(posix.dirname(file), entry.n!)),
    );
  // Workers a page starts: `new URL('/_astro/x-worker.js', ...)`, and the sandbox's classic worker,
  // whose source the page fetches by its path (src/lib/classic-worker-plugin.ts).
  const workers = [
    ...code.matchAll(/new URL\(\s*[`"'](\/_astro\/[^`"']+\.js)[`"']/g),
    ...code.matchAll(/[`"'](\/_astro\/[^`"'/]*worker[^`"'/]*\.js)[`"']/g),
  ].map((match) => match[1]!.slice(1));
  return [...fromImports, ...workers];
}

/** Paths (relative to `dir`, `/`-separated) to precache, sorted. */
export async function precacheFiles(dir: string): Promise<string[]> {
  await init;
  const files = allFiles(dir);
  const keep = new Set<string>();
  for (const file of files) {
    if (NEVER.has(file)) continue;
    const isPublic = !file.includes('/');
    if (
      isPublic ||
      file.endsWith('.html') ||
      file.startsWith('compiled/') ||
      file.startsWith('pagefind/')
    ) {
      keep.add(file);
    }
  }
  const queue = files
    .filter((file) => file.endsWith('.html'))
    .flatMap((file) => pageAssets(readFileSync(join(dir, file), 'utf8')))
    .map((path) => path.slice(1));
  const walked = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (walked.has(file)) continue;
    walked.add(file);
    if (!existsSync(join(dir, file))) {
      throw new Error(
        `The built site refers to /${file}, which is not in ${dir}/. Rebuild with \`npm run build\`.`,
      );
    }
    keep.add(file);
    if (/\.(js|mjs)$/.test(file)) {
      queue.push(...moduleDependencies(file, readFileSync(join(dir, file), 'utf8')));
    }
  }
  return [...keep].sort();
}
