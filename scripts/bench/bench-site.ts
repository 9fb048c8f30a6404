/**
 * What the benchmark needs to know about a built site, read from the files in dist/ (not from
 * hard-coded hashed names, which change with every build). Every failure says what to do.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

export interface SiteInfo {
  dir: string;
  /** The lesson page's path, e.g. /lessons/first-request/. */
  lesson: string;
  /** Site path of the script that upgrades <live-example>, blocked for the "turned off" loads. */
  liveExampleScript: string;
  /** Site path of the runner's compiler worker. */
  compilerWorker: string;
  /** Site path of esbuild.wasm as the site serves it. */
  esbuildWasm: string;
  /** esbuild-wasm's ESM browser build from node_modules, the same version the site bundles. */
  esbuildBrowserModule: string;
}

export function readSite(dir: string, lesson: string): SiteInfo {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(
      `No built site in ${dir}/ (index.html is missing). Run \`npm run build\` first.`,
    );
  }
  const page = join(root, lesson, 'index.html');
  if (!existsSync(page)) {
    const lessons = existsSync(join(root, 'lessons'))
      ? readdirSync(join(root, 'lessons')).map((name) => `/lessons/${name}/`)
      : [];
    throw new Error(
      `The lesson ${lesson} is not in ${dir}/. Pass --lesson with one of: ${lessons.join(', ') || '(none: rebuild with npm run build)'}.`,
    );
  }
  const html = readFileSync(page, 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]!);
  const liveExampleScript = scripts.find((src) => {
    const file = join(root, src);
    return existsSync(file) && readFileSync(file, 'utf8').includes('live-example');
  });
  if (!liveExampleScript) {
    throw new Error(
      `No script on ${lesson} defines <live-example> (looked for "live-example" in ${scripts.join(', ')}). Is it a lesson with live examples, and is dist/ up to date? Run \`npm run build\`.`,
    );
  }
  const assets = readdirSync(join(root, '_astro'));
  const find = (pattern: RegExp, what: string) => {
    const name = assets.find((file) => pattern.test(file));
    if (!name) throw new Error(`No ${what} in ${dir}/_astro/. Run \`npm run build\` first.`);
    return `/_astro/${name}`;
  };
  const require = createRequire(import.meta.url);
  return {
    dir: root,
    lesson,
    liveExampleScript,
    compilerWorker: find(/^compiler-worker.*\.js$/, 'compiler worker (compiler-worker-*.js)'),
    esbuildWasm: find(/^esbuild.*\.wasm$/, 'esbuild wasm file (esbuild-*.wasm)'),
    esbuildBrowserModule: join(
      require.resolve('esbuild-wasm/package.json'),
      '..',
      'esm',
      'browser.min.js',
    ),
  };
}
