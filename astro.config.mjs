// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import expressiveCode from 'astro-expressive-code';
import { remarkExpectedOutput } from './src/lib/remark-expected-output.ts';
import { remarkLiveExamples } from './src/lib/remark-live-examples.ts';
import { precompiledExamples } from './src/lib/precompiled-examples.ts';
import { monacoStylesOnDemand } from './src/editor/monaco-styles-plugin.ts';
import { monacoWithoutUnusedLanguageServices } from './src/editor/monaco-unused-languages-plugin.ts';
import { classicWorker } from './src/lib/classic-worker-plugin.ts';
import { pythonAssets } from './src/lib/python-assets-integration.ts';

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  trailingSlash: 'ignore',
  server: { host: '127.0.0.1', port: 4321 },
  // The pages' CSS (about 8 KiB gzip on a lesson) goes inline: nothing blocks the first paint but the
  // HTML itself (Starlight's one stylesheet is one more round trip than that).
  build: { inlineStylesheets: 'always' },
  markdown: {
    // The unified (remark/rehype) pipeline, because our lessons rely on a remark plugin.
    processor: unified({ remarkPlugins: [remarkExpectedOutput, remarkLiveExamples] }),
  },
  integrations: [
    // Expressive Code must come before MDX so it can handle code fences inside MDX.
    // Its options are in ec.config.mjs.
    expressiveCode(),
    mdx(),
    // Every runnable example compiled at build time, for an instant first Run.
    precompiledExamples(),
    // The browser's Python (Pyodide, its standard library precompiled, requests): fetched only when a
    // reader runs Python.
    pythonAssets(),
  ],
  vite: {
    // Monaco's CSS arrives with the editor, not as <link>s in every lesson's <head>.
    plugins: [monacoStylesOnDemand(), monacoWithoutUnusedLanguageServices(), classicWorker()],
    // The runner's workers use dynamic import() (the sandbox loads learner code that way): ES modules.
    worker: { format: 'es' },
    build: {
      // Keep every script an external file so the CSP needs no inline-script hashes.
      assetsInlineLimit: 0,
    },
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                // Automatic splitting gives every set of scripts that share a module its own chunk:
                // on a lesson, eight small files, each a request before the reader acts (issue 26:
                // ≤ 12). Two named chunks instead, each holding only what a lesson loads anyway.
                groups: [
                  {
                    // Tiny helpers the scripts of every page share (about 2 KiB gzip): preferences, the
                    // connection check, saved progress and edits, Vite's preload helper. Taken first, so
                    // the group below leaves them here and other pages do not load the run path.
                    name: 'page-helpers',
                    priority: 2,
                    tags: ['$initial'],
                    test: /vite[\\/]preload-helper|[\\/]src[\\/](lib[\\/]connection|lib[\\/]preferences|components[\\/]exercise[\\/]progress|examples[\\/]saved-edits|runner[\\/]assert-never)\.ts$/,
                  },
                  {
                    // What a live example shares with the exercise element and the teacher's pages: the
                    // runner's page side, the code panel, the network model and the small helpers its views share.
                    name: 'live-example-shared',
                    priority: 1,
                    tags: ['$initial'],
                    test: /[\\/]src[\\/](components[\\/]live-example[\\/]runner-instance|components[\\/]code-panel[\\/]code-panel|examples[\\/]network-model|examples[\\/]network-status-class|lib[\\/]dom)\.ts$/,
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
});
