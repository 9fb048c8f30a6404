/**
 * Measures, on the built site in headless Chromium, the time from clicking Run to the first Console
 * line of the first lesson's first example:
 * - cold: the first run after loading the page with an empty HTTP cache (a first visit);
 * - cold, cached: the first run after loading the page again (a returning reader);
 * - cold, hovered: a first visit where the pointer rests on the example for a second before Run
 *   (the pointer entering an example is what starts the compiler and the sandbox);
 * - warm: later runs on the same page, once its editor has loaded.
 * Times are taken inside the page (the click event to the first line appended to the Console), so
 * Playwright's own latency is not counted. Prints medians and writes JSON next to the build.
 *
 * Usage: npm run bench:run -- [--dir dist] [--port 4391] [--loads 5] [--runs 20] [--out file.json]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { median } from './bench-report.ts';
import { chromiumLaunchOptions } from '../build/chromium-options.ts';
import { serveStatic } from '../build/serve-static.ts';
import { defineCli, parseCliOrExit } from '../course-cli/cli-args.ts';

const { values } = parseCliOrExit(
  defineCli({
    name: 'bench:run',
    usage: '[--dir dist] [--port 4391] [--loads 5] [--runs 20] [--out FILE]',
    summary:
      'Measures Run to the first Console line of the first lesson (cold, cold cached, cold hovered, warm) on the built site. Build first.',
    options: {
      dir: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '4391' },
      loads: { type: 'string', default: '5' },
      runs: { type: 'string', default: '20' },
      out: { type: 'string', default: 'bench-results/bench-run.json' },
    },
  }),
);

const LESSON = '/lessons/first-request/';
const TITLE = 'Your first GET request';
const startedSamples: number[] = [];

/** Clicks Run and returns the in-page time from the click to the first Console line, in ms. */
async function timeRun(page: Page): Promise<number> {
  const [total, started] = await timeRunParts(page);
  startedSamples.push(started);
  return total;
}

/** Run-to-first-line and, within it, Run-to-"Running…" (compile plus taking the spare sandbox). */
async function timeRunParts(page: Page): Promise<[number, number]> {
  const region = page.getByRole('region', { name: TITLE });
  await region.evaluate((element) => {
    const log = element.querySelector('[role="log"]')!;
    const status = element.querySelector('[role="status"]')!;
    const button = [...element.querySelectorAll('button')].find((b) => b.textContent === 'Run')!;
    const state = window as unknown as { benchResult: Promise<[number, number]> };
    state.benchResult = new Promise((resolveTime) => {
      button.addEventListener(
        'click',
        () => {
          const clicked = performance.now();
          let started = NaN;
          const statusObserver = new MutationObserver(() => {
            if (status.textContent === 'Running…' && Number.isNaN(started))
              started = performance.now() - clicked;
          });
          statusObserver.observe(status, { childList: true, characterData: true, subtree: true });
          const observer = new MutationObserver(() => {
            if (log.querySelector('.console-line')) {
              observer.disconnect();
              statusObserver.disconnect();
              resolveTime([performance.now() - clicked, started]);
            }
          });
          observer.observe(log, { childList: true });
        },
        { once: true, capture: true },
      );
    });
  });
  await region.getByRole('button', { name: 'Run' }).click();
  const elapsed = await page.evaluate(
    () => (window as unknown as { benchResult: Promise<[number, number]> }).benchResult,
  );
  await region
    .getByRole('status')
    .filter({ hasText: /^Finished/ })
    .waitFor({ timeout: 30_000 });
  return elapsed;
}

async function main(): Promise<void> {
  const dir = resolve(values.dir);
  if (!existsSync(resolve(dir, 'lessons')))
    throw new Error(`No built site in ${dir}: run \`npm run build\` first.`);
  const port = Number(values.port);
  const server = await serveStatic(dir, port);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const url = `http://127.0.0.1:${port}${LESSON}`;
  const cold: number[] = [];
  const coldCached: number[] = [];
  const warm: number[] = [];
  const warmStarted: number[] = [];
  const coldHovered: number[] = [];
  try {
    for (let load = 0; load < Number(values.loads); load += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      cold.push(await timeRun(page));
      await page.reload();
      coldCached.push(await timeRun(page));
      // Warm runs start once the editor (loaded after the first run) is ready, as for a reader who
      // reads the output before running again.
      await page.locator('live-example[data-editor="ready"]').first().waitFor({ timeout: 60_000 });
      for (let run = 0; run < Number(values.runs) / Number(values.loads); run += 1) {
        warm.push(await timeRun(page));
        warmStarted.push(startedSamples.at(-1)!);
      }
      await context.close();

      const hoverContext = await browser.newContext();
      const hoverPage = await hoverContext.newPage();
      await hoverPage.goto(url);
      await hoverPage.getByRole('region', { name: TITLE }).hover();
      await hoverPage.waitForTimeout(1000);
      coldHovered.push(await timeRun(hoverPage));
      await hoverContext.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const result = {
    page: LESSON,
    example: TITLE,
    coldMs: { median: Math.round(median(cold)), samples: cold.map(Math.round) },
    coldCachedMs: { median: Math.round(median(coldCached)), samples: coldCached.map(Math.round) },
    coldHoveredMs: {
      median: Math.round(median(coldHovered)),
      samples: coldHovered.map(Math.round),
    },
    warmMs: { median: Math.round(median(warm)), samples: warm.map(Math.round) },
    warmCompileMs: {
      median: Math.round(median(warmStarted)),
      samples: warmStarted.map(Math.round),
    },
  };
  console.log(`Run → first Console line (${LESSON}, "${TITLE}"), headless Chromium, medians:`);
  console.log(
    `  cold (first run after first load, empty cache): ${result.coldMs.median} ms  (${cold.length} loads)`,
  );
  console.log(
    `  cold (first run after reload, cached files):    ${result.coldCachedMs.median} ms  (${coldCached.length} loads)`,
  );
  console.log(
    `  cold (first visit, pointer on the example 1 s): ${result.coldHoveredMs.median} ms  (${coldHovered.length} loads)`,
  );
  console.log(
    `  warm (later runs on the same page):             ${result.warmMs.median} ms  (${warm.length} runs)`,
  );
  console.log(
    `    of which Run → "Running…" (compile, sandbox): ${result.warmCompileMs.median} ms`,
  );
  mkdirSync(dirname(resolve(values.out)), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote ${values.out}`);
}

await main();
