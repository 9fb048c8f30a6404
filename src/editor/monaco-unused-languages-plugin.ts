/**
 * Vite plugin: Monaco's entry registers language services for CSS, HTML and JSON, each of which
 * names its own web worker (`new Worker(new URL('css.worker.js', import.meta.url))`), so the build
 * emitted three workers (about 570 KiB gzip) that no page loads: examples are TypeScript only. This
 * replaces those three registrations with an empty module. Their syntax colouring (the Monarch
 * definitions under languages/definitions/) is untouched; only the language services go.
 */
import type { Plugin } from 'vite';

const EMPTY = '\0monaco-unused-language-service';
const UNUSED = /[\\/]languages[\\/]features[\\/](css|html|json)[\\/]register\.js$/;

export function monacoWithoutUnusedLanguageServices(): Plugin {
  return {
    name: 'monaco-without-unused-language-services',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/[\\/]monaco-editor[\\/]/.test(importer)) return null;
      return UNUSED.test(source) ? EMPTY : null;
    },
    load(id) {
      // `export { x as css }` in Monaco's entry still needs a module to name: an empty namespace.
      return id === EMPTY ? 'export {};' : null;
    },
  };
}
