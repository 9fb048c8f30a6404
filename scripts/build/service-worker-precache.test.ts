import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { precacheFiles } from './service-worker-precache.ts';

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

describe('precacheFiles', () => {
  it('stores pages, what they load up front, the sandbox, compiled examples and search; not the editor or the compiler’s wasm', async () => {
    const root = site({
      'index.html':
        '<link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/page.js"></script>',
      'lessons/one/index.html': '<script type="module" src="/_astro/page.js"></script>',
      '404.html': '<p>Not found</p>',
      'favicon.svg': '<svg/>',
      'sw.js': 'self.__WB_MANIFEST',
      '_astro/site.css': 'body{}',
      '_astro/page.js':
        'import{a}from"./shared.js";const w=new Worker(new URL(`/_astro/sandbox-worker-1.js`,import.meta.url));const c=`/_astro/classic-worker.2.js`;const e=()=>import(`./create-editor.js`);',
      '_astro/shared.js': 'export const a=1;',
      '_astro/sandbox-worker-1.js': 'import"./sandbox-dep.js";',
      '_astro/sandbox-dep.js': '',
      '_astro/classic-worker.2.js': '',
      '_astro/create-editor.js':
        'import"./monaco.js";new Worker(new URL(`/_astro/ts.worker-1.js`,import.meta.url));',
      '_astro/monaco.js': '',
      '_astro/ts.worker-1.js': '',
      '_astro/esbuild-1.wasm': '\0asm',
      'compiled/abc.json': '{"ok":true}',
      'pagefind/pagefind.js': '',
      'pagefind/index/en_1.pf_index': '',
    });
    expect(await precacheFiles(root)).toEqual([
      '404.html',
      '_astro/classic-worker.2.js',
      '_astro/page.js',
      '_astro/sandbox-dep.js',
      '_astro/sandbox-worker-1.js',
      '_astro/shared.js',
      '_astro/site.css',
      'compiled/abc.json',
      'favicon.svg',
      'index.html',
      'lessons/one/index.html',
      'pagefind/index/en_1.pf_index',
      'pagefind/pagefind.js',
    ]);
  });

  it('says what to do when a page names a file the build did not write', async () => {
    const root = site({ 'index.html': '<script type="module" src="/_astro/gone.js"></script>' });
    await expect(precacheFiles(root)).rejects.toThrow(
      /refers to \/_astro\/gone\.js, which is not in .*npm run build/,
    );
  });
});
