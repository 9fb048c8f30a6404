/**
 * Vite plugin: Monaco's modules import their CSS (`import './editor.css'`). Left alone, Astro links
 * all of it (about 175 kB) from every lesson page's <head> as render-blocking stylesheets, although
 * the editor loads only when the reader asks for it. This turns each of those imports into a module
 * that adds the same CSS as a <style> element when the editor's code actually runs, so the lesson's
 * first paint never waits for editor styles. (The CSP allows inline styles: `style-src 'unsafe-inline'`.)
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = '\0monaco-style:';

export function monacoStylesOnDemand(): Plugin {
  return {
    name: 'monaco-styles-on-demand',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.endsWith('.css') || !/[\\/]monaco-editor[\\/]/.test(importer))
        return null;
      // The `.js` suffix keeps Vite's own CSS pipeline away from this module.
      return `${PREFIX}${resolve(dirname(importer.split('?')[0]!), source)}.js`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      const css = readFileSync(file, 'utf8');
      // Fonts referenced by the CSS (codicon.ttf) still go through Vite as hashed assets.
      const imports: string[] = [];
      const pieces: string[] = [];
      let last = 0;
      for (const match of css.matchAll(/url\((['"]?)(\.[^'")]+)\1\)/g)) {
        const name = `asset${imports.length}`;
        imports.push(
          `import ${name} from ${JSON.stringify(`${resolve(dirname(file), match[2]!)}?url`)};`,
        );
        pieces.push(JSON.stringify(css.slice(last, match.index)), `"url(" + ${name} + ")"`);
        last = match.index + match[0].length;
      }
      pieces.push(JSON.stringify(css.slice(last)));
      return [
        ...imports,
        'const style = document.createElement("style");',
        `style.dataset.monaco = ${JSON.stringify(file.split(/[\\/]/).pop())};`,
        `style.textContent = ${pieces.join(' + ')};`,
        'document.head.append(style);',
      ].join('\n');
    },
  };
}
