import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { offlineFiles } from './service-worker-precache.ts';

let dir = '';

function site(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'precache-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('offlineFiles', () => {
  it('stores the lessons and their run path first, then the other pages and search; never the editor, the compiler’s wasm or Pagefind’s unused interfaces', async () => {
    const root = site({
      'index.html':
        '<link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/page.js"></script>',
      'lessons/one/index.html': '<script type="module" src="/_astro/lesson.js"></script>',
      'exercises/e/index.html': '<script type="module" src="/_astro/exercise-page.js"></script>',
      'mock-api/index.html': '<script type="module" src="/_astro/page.js"></script>',
      '404.html': '<p>Not found</p>',
      'favicon.svg': '<svg/>',
      'sw.js': 'self.__WB_MANIFEST',
      '_astro/site.css': 'body{}',
      '_astro/page.js': 'import{a}from"./shared.js";',
      '_astro/lesson.js':
        'import"./page.js";const w=new Worker(new URL(`/_astro/sandbox-worker-1.js`,import.meta.url));const c=`/_astro/classic-worker.2.js`;const x=()=>import(`./exercise-element.js`);const e=()=>import(`./create-editor.1.js`);',
      '_astro/shared.js': 'export const a=1;',
      '_astro/sandbox-worker-1.js': 'import"./sandbox-dep.js";',
      '_astro/sandbox-dep.js': '',
      '_astro/classic-worker.2.js': '',
      '_astro/exercise-element.js': 'import"./judge.js";',
      '_astro/judge.js': '',
      '_astro/exercise-page.js': 'import"./exercise-element.js";import"./teacher-only.js";',
      '_astro/teacher-only.js': '',
      '_astro/create-editor.1.js':
        'import"./monaco.js";new Worker(new URL(`/_astro/ts.worker-1.js`,import.meta.url));',
      '_astro/monaco.js': '',
      '_astro/ts.worker-1.js': '',
      '_astro/esbuild-1.wasm': '\0asm',
      'compiled/abc.json': '{"ok":true}',
      'pagefind/pagefind.js': '',
      'pagefind/pagefind-worker.js': '',
      'pagefind/pagefind-ui.js': '',
      'pagefind/pagefind-ui.css': '',
      'pagefind/pagefind-component-ui.js': '',
      'pagefind/pagefind-highlight.js': '',
      'pagefind/index/en_1.pf_index': '',
    });
    expect(await offlineFiles(root)).toEqual({
      essential: [
        '404.html',
        '_astro/classic-worker.2.js',
        '_astro/exercise-element.js',
        '_astro/judge.js',
        '_astro/lesson.js',
        '_astro/page.js',
        '_astro/sandbox-dep.js',
        '_astro/sandbox-worker-1.js',
        '_astro/shared.js',
        '_astro/site.css',
        'compiled/abc.json',
        'index.html',
        'lessons/one/index.html',
      ],
      rest: [
        '_astro/exercise-page.js',
        '_astro/teacher-only.js',
        'exercises/e/index.html',
        'favicon.svg',
        'mock-api/index.html',
        'pagefind/index/en_1.pf_index',
        'pagefind/pagefind-worker.js',
        'pagefind/pagefind.js',
      ],
    });
  });

  it('never stores Python (its wasm, standard library, packages, worker and its chunks), at install or at idle, even when a lesson names its worker', async () => {
    const root = site({
      'index.html': '<script type="module" src="/_astro/page.js"></script>',
      'lessons/one/index.html': '<script type="module" src="/_astro/lesson.js"></script>',
      'exercises/e/index.html': '<script type="module" src="/_astro/exercise.js"></script>',
      '_astro/page.js': '',
      // A live example's code that starts Python on demand: the worker's path and the data files'.
      '_astro/lesson.js':
        'const w=`/_astro/python-worker.3.js`;const u={wasm:"/_astro/python/pyodide-1a2b/pyodide.asm.wasm",stdlib:"/_astro/python/python-stdlib.3c4d.zip"};const e=()=>import(`./create-editor.1.js`);',
      '_astro/exercise.js': 'new Worker(new URL(`/_astro/python-worker-4.js`,import.meta.url));',
      '_astro/python-worker.3.js': 'import"./pyodide.5.js";import"./shared-with-sandbox.js";',
      '_astro/python-worker-4.js': '',
      '_astro/pyodide.5.js': '',
      '_astro/shared-with-sandbox.js': '',
      '_astro/create-editor.1.js': '',
      '_astro/python/pyodide-1a2b/pyodide.asm.wasm': '\0asm',
      '_astro/python/python-stdlib.3c4d.zip': 'PK',
      '_astro/python/python-packages.5e6f.zip': 'PK',
      'licenses/python.txt': 'MPL-2.0',
      'licenses/python-packages-source.zip': 'PK',
    });
    const { essential, rest } = await offlineFiles(root);
    expect(essential).toEqual([
      '_astro/lesson.js',
      '_astro/page.js',
      'index.html',
      'lessons/one/index.html',
    ]);
    expect(rest).toEqual(['_astro/exercise.js', 'exercises/e/index.html']);
  });

  it('says what to do when a page names a file the build did not write', async () => {
    const root = site({
      'index.html': '<script type="module" src="/_astro/gone.js"></script>',
      '_astro/create-editor.1.js': '',
    });
    await expect(offlineFiles(root)).rejects.toThrow(
      /refers to \/_astro\/gone\.js, which is not in .*npm run build/,
    );
  });

  it('refuses to guess when the editor’s chunk is not where it was', async () => {
    const root = site({ 'index.html': '', '_astro/editor-renamed.1.js': '' });
    await expect(offlineFiles(root)).rejects.toThrow(/update EDITOR_CHUNK/);
  });
});
