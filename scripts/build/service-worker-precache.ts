/**
 * Which files of the built site the service worker stores after a reader's first visit, so the whole
 * course works offline afterwards, in two stages:
 *
 * - `essential`, stored when the service worker installs: what reading a lesson and pressing Run
 *   needs. The home page, the lessons and the 404 page; everything those pages load, before and after
 *   the reader acts, except the editor (the page scripts, the sandbox and compiler workers, the run
 *   timeline, the exercise element and its checker); the compiled examples (an unedited example's Run).
 * - `rest`, stored afterwards a few files at a time while the reader is idle (src/offline/): the other
 *   pages (exercises, the mock API reference, the teacher's tools), what they load, the search index,
 *   and the site's own public files.
 *
 * Left out on purpose: the editor and the compiler's wasm (Monaco's chunks and workers, the 14 MB
 * esbuild.wasm), and the browser's Python (Pyodide's wasm, its standard library, the packages and the
 * Python worker: about 7 MB gzip, src/offline/python-files.ts). A reader who never edits, or never
 * runs Python, should not download them; one who does gets them kept by the service worker's runtime
 * caches as they are fetched. The walk follows static imports, started workers, and dynamic imports
 * except the editor's own (EDITOR_CHUNK below); it stops at Python's files.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { isPythonFile } from '../../src/offline/python-files.ts';

/** Public files the service worker must not list: itself. */
const NEVER = new Set(['sw.js']);
/** Pagefind writes its ready-made search interfaces too; the site's search uses its JS API only. */
const UNUSED_PAGEFIND_UI = /^pagefind\/pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

/** Pages of the first stage: the ones a reader reads lessons in. */
const ESSENTIAL_PAGE = /^(index\.html|404\.html|lessons\/.+\.html)$/;

/**
 * The editor's entry chunks (src/editor/create-editor.ts and Monaco's editor.api), which pages import
 * dynamically when the reader starts editing: the walk stops there.
 */
const EDITOR_CHUNK = /^_astro\/(create-editor|editor\.api)\.[\w-]+\.js$/;

export interface OfflineFiles {
  /** Stored at install: reading lessons and running their examples. */
  essential: string[];
  /** Stored afterwards at idle, a few files at a time. */
  rest: string[];
}

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

function resolveImport(file: string, specifier: string): string {
  return specifier.startsWith('/')
    ? specifier.slice(1)
    : posix.normalize(posix.join(posix.dirname(file), specifier));
}

/** Imports (static and dynamic) and started workers of one built module, relative to the site. */
function moduleDependencies(file: string, code: string): string[] {
  const [imports] = parse(code);
  // d === -1: a static import; -2: import.meta; >= 0: a dynamic import, whose specifier is `n` when
  // it is a plain string.
  const fromImports = imports
    .filter((entry) => entry.d !== -2 && entry.n !== undefined && /^\.{0,2}\//.test(entry.n))
    .map((entry) => resolveImport(file, entry.n!));
  // Workers a page starts: `new URL('/_astro/x-worker.js', ...)`, and the sandbox's classic worker,
  // whose source the page fetches by its path (src/lib/classic-worker-plugin.ts).
  const workers = [
    ...code.matchAll(/new URL\(\s*[`"'](\/_astro\/[^`"']+\.js)[`"']/g),
    ...code.matchAll(/[`"'](\/_astro\/[^`"'/]*worker[^`"'/]*\.js)[`"']/g),
  ].map((match) => match[1]!.slice(1));
  return [...fromImports, ...workers];
}

/** The files `pages` load, their modules' imports and workers followed, the editor and Python left out. */
function walk(dir: string, pages: string[]): Set<string> {
  const queue = pages
    .flatMap((file) => pageAssets(readFileSync(join(dir, file), 'utf8')))
    .map((path) => path.slice(1));
  const walked = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (walked.has(file) || EDITOR_CHUNK.test(file) || isPythonFile(file)) continue;
    if (!existsSync(join(dir, file))) {
      throw new Error(
        `The built site refers to /${file}, which is not in ${dir}/. Rebuild with \`npm run build\`.`,
      );
    }
    walked.add(file);
    if (/\.(js|mjs)$/.test(file)) {
      queue.push(...moduleDependencies(file, readFileSync(join(dir, file), 'utf8')));
    }
  }
  return walked;
}

/** Paths (relative to `dir`, `/`-separated) to store in each stage, sorted; no file is in both. */
export async function offlineFiles(dir: string): Promise<OfflineFiles> {
  await init;
  const files = allFiles(dir).filter(
    (file) => !NEVER.has(file) && !UNUSED_PAGEFIND_UI.test(file) && !isPythonFile(file),
  );
  if (
    !files.some((file) => EDITOR_CHUNK.test(file)) &&
    files.some((f) => f.startsWith('_astro/'))
  ) {
    throw new Error(
      `No editor chunk (create-editor.*.js) in ${dir}/_astro/, so the offline download would include the editor. If src/editor/create-editor.ts was renamed, update EDITOR_CHUNK in scripts/build/service-worker-precache.ts.`,
    );
  }
  const pages = files.filter((file) => file.endsWith('.html'));
  const essentialPages = pages.filter((file) => ESSENTIAL_PAGE.test(file));
  const essential = new Set([
    ...essentialPages,
    ...walk(dir, essentialPages),
    ...files.filter((file) => file.startsWith('compiled/')),
  ]);
  const rest = new Set(
    [
      ...pages,
      ...walk(dir, pages),
      ...files.filter((file) => file.startsWith('pagefind/') || !file.includes('/')),
    ].filter((file) => !essential.has(file)),
  );
  return { essential: [...essential].sort(), rest: [...rest].sort() };
}
