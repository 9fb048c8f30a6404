/**
 * Times drawing a run's timeline of 1,000 requests in headless Chromium, on the built site's own
 * timeline modules: the layout, the redraw, and the redraw through the next frame's style and layout
 * (what a reader waits for). The target is one frame (16.7 ms at 60 Hz). Prints medians and
 * writes JSON.
 *
 * Usage: npm run bench:timeline -- [--dir dist] [--port 4393] [--runs 15] [--out FILE]
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { median } from './bench-report.ts';
import { chromiumLaunchOptions } from '../build/chromium-options.ts';
import { serveStatic } from '../build/serve-static.ts';
import { defineCli, parseCliOrExit } from '../course-cli/cli-args.ts';

const { values } = parseCliOrExit(
  defineCli({
    name: 'bench:timeline',
    usage: '[--dir dist] [--port 4393] [--runs 15] [--out FILE]',
    summary:
      'Times laying out and drawing a timeline of 1,000 requests on the built site (target: one frame). Build first.',
    options: {
      dir: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '4393' },
      runs: { type: 'string', default: '15' },
      out: { type: 'string', default: 'bench-results/bench-timeline.json' },
    },
  }),
);

const ROWS = 1_000;

function chunk(dir: string, name: string): string {
  const file = readdirSync(resolve(dir, '_astro')).find(
    (entry) => entry.startsWith(`${name}.`) && entry.endsWith('.js'),
  );
  if (!file) throw new Error(`No ${name} chunk in ${dir}/_astro: run \`npm run build\` first.`);
  return `/_astro/${file}`;
}

async function main(): Promise<void> {
  const dir = resolve(values.dir);
  if (!existsSync(resolve(dir, 'lessons')))
    throw new Error(`No built site in ${dir}: run \`npm run build\` first.`);
  const modules = { view: chunk(dir, 'timeline-view'), layout: chunk(dir, 'timeline-layout') };
  const port = Number(values.port);
  const server = await serveStatic(dir, port);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const samples: { layout: number; update: number; frame: number }[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // tsx names the functions below with a helper the page does not have.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(`http://127.0.0.1:${port}/lessons/retries/`);
    const measured = await page.evaluate(
      async ({ modules, rows, runs }) => {
        const { TimelineView } = await import(modules.view);
        const { layoutTimeline } = await import(modules.layout);
        // Retries of 250 calls, four attempts each, with Retry-After and backoff waits between them.
        const requests = Array.from({ length: rows }, (_, index) => {
          const start = index * 40;
          return {
            id: index,
            method: 'GET',
            label: `/users/${Math.floor(index / 4)}`,
            callKey: `GET /users/${Math.floor(index / 4)}`,
            startMs: start,
            endMs: start + 15,
            outcome: index % 4 === 3 ? '2xx' : '5xx',
            statusText: index % 4 === 3 ? '200 OK' : '503 Service Unavailable',
            retryAfter: index % 2 ? '1' : null,
          };
        });
        const consoleMs = requests.map((request) => request.startMs);
        const view = new TimelineView({ clock: 'virtual' });
        const host = document.querySelector('main') ?? document.body;
        host.prepend(view.element);
        const frame = () => new Promise((done) => requestAnimationFrame(() => done(undefined)));
        const results = [];
        for (let run = 0; run < runs; run++) {
          await frame();
          const started = performance.now();
          const layout = layoutTimeline({ requests, consoleMs, endMs: rows * 40 });
          const laidOut = performance.now();
          view.update(layout, true);
          const updated = performance.now();
          // Style and layout of what was drawn, as the next frame does it.
          void view.element.getBoundingClientRect().height;
          const painted = performance.now();
          results.push({
            layout: laidOut - started,
            update: updated - laidOut,
            frame: painted - started,
          });
        }
        return results;
      },
      { modules, rows: ROWS, runs: Number(values.runs) },
    );
    samples.push(...measured);
  } finally {
    await browser.close();
    server.close();
  }
  const result = {
    rows: ROWS,
    runs: samples.length,
    layoutMs: median(samples.map((sample) => sample.layout)),
    updateMs: median(samples.map((sample) => sample.update)),
    frameMs: median(samples.map((sample) => sample.frame)),
    targetMs: 16.7,
  };
  console.log(`Timeline of ${ROWS} requests, headless Chromium, medians of ${samples.length}:`);
  console.log(`  layout ${result.layoutMs.toFixed(1)} ms`);
  console.log(`  redraw ${result.updateMs.toFixed(1)} ms`);
  console.log(
    `  layout + redraw + style/layout ${result.frameMs.toFixed(1)} ms (target: one frame, ${result.targetMs} ms)`,
  );
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote ${values.out}`);
}

await main();
