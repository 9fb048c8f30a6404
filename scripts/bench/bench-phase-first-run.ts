/**
 * Benchmark phase for issue 14, the reader's first Run on a first visit (empty cache):
 * - unedited: what the press of Run fetches (page, workers, everything from the pointer's approach
 *   to the "Finished" status; the editor that loads afterwards is not the Run's) and how soon the
 *   first Console line shows, clicking Run at once and after the pointer rested over the example;
 * - after an edit: click the code, wait for the editor, type one line, press Run: how soon the first
 *   Console line shows (the compiler has to load, since the build has not seen this code).
 * Run it on two builds (`--dir`) to compare a change with what came before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Request } from '@playwright/test';
import { freshPage, loadPage } from './bench-browser.ts';
import { example, timeEditor, timeRun } from './bench-page.ts';
import { log, metric, round, upTo, type BenchSettings, type Phase } from './bench-report.ts';

/** How long the pointer rests over the example before Run, in the "pointer came first" variant. */
const REST_MS = 1000;

export interface Fetch {
  url: string;
  /** Wall-clock ms when the request started. */
  start: number;
  bytes: number;
}

/**
 * Every request of the page and its workers that finishes, with its bytes on the wire. Chromium
 * reports no body size for a worker's own script; for those the gzip size of the file in the built
 * site stands in (what scripts/build/serve-static.ts sends). Blob URLs (the sandbox's module) cost nothing.
 */
export function recordFetches(page: Page, siteDir: string): Fetch[] {
  const fetches: Fetch[] = [];
  const gzipSize = (url: string) => {
    const file = join(siteDir, decodeURIComponent(new URL(url).pathname));
    return existsSync(file) && !file.endsWith('/') ? gzipSync(readFileSync(file)).length : 0;
  };
  page.context().on('requestfinished', (request: Request) => {
    // The service worker storing the course for offline use is not the Run's doing.
    if (!request.url().startsWith('http') || request.serviceWorker()) return;
    void request
      .sizes()
      .then((sizes) =>
        fetches.push({
          url: request.url(),
          start: request.timing().startTime,
          bytes:
            Math.max(0, sizes.responseHeadersSize) +
            (sizes.responseBodySize > 0 ? sizes.responseBodySize : gzipSize(request.url())),
        }),
      )
      .catch(() => {});
  });
  return fetches;
}

/** Wall-clock ms at which the example's status first says "Finished" (set up before the Run). */
export async function watchFinished(page: Page, title: string): Promise<() => Promise<number>> {
  await example(page, title).status.evaluate((status) => {
    const state = window as unknown as { benchFinishedAt?: number };
    state.benchFinishedAt = undefined;
    const observer = new MutationObserver(() => {
      if (status.textContent?.startsWith('Finished')) {
        state.benchFinishedAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
  });
  return () =>
    page.evaluate(() => (window as unknown as { benchFinishedAt?: number }).benchFinishedAt ?? NaN);
}

export async function measureFirstRuns(
  { browser, site, url, loads }: BenchSettings,
  title: string,
): Promise<Phase> {
  const bytes: number[] = [];
  const firstLine: number[] = [];
  const wasmFetched: number[] = [];
  const editedFirstLine: number[] = [];
  const restedFirstLine: number[] = [];
  let lastFetches: { url: string; bytes: number }[] = [];
  for (let i = 0; i < loads; i += 1) {
    const bench = await freshPage(browser);
    try {
      const fetches = recordFetches(bench.page, site.dir);
      await loadPage(bench, url, { interceptScript: site.liveExampleScript });
      const finishedAt = await watchFinished(bench.page, title);
      const from = Date.now();
      const timing = await timeRun(bench.page, title);
      const until = await finishedAt();
      // Let the last responses report their sizes.
      await bench.page.waitForTimeout(500);
      // Spare sandboxes start the same worker script again; the browser's cache answers those.
      const ofRun = [
        ...new Map(
          fetches.filter((f) => f.start >= from && f.start <= until).map((f) => [f.url, f]),
        ).values(),
      ];
      bytes.push(ofRun.reduce((sum, f) => sum + f.bytes, 0) / 1024);
      wasmFetched.push(ofRun.filter((f) => /\.wasm$/.test(f.url)).length);
      firstLine.push(timing.firstLine);
      lastFetches = ofRun.map((f) => ({ url: new URL(f.url).pathname, bytes: f.bytes }));
    } finally {
      await bench.context.close();
    }
    // A reader's pointer crosses the example before it reaches Run: that boots a sandbox early.
    const rested = await freshPage(browser);
    try {
      await loadPage(rested, url, { interceptScript: site.liveExampleScript });
      await example(rested.page, title).region.hover();
      await rested.page.waitForTimeout(REST_MS);
      restedFirstLine.push((await timeRun(rested.page, title)).firstLine);
    } finally {
      await rested.context.close();
    }
    const edited = await freshPage(browser);
    try {
      await loadPage(edited, url, { interceptScript: site.liveExampleScript });
      await timeEditor(edited.page, title);
      await edited.page.keyboard.press('ControlOrMeta+End');
      await edited.page.keyboard.type("\nconsole.log('edited');");
      editedFirstLine.push((await timeRun(edited.page, title)).firstLine);
    } finally {
      await edited.context.close();
    }
    log(
      `first runs ${i + 1}/${loads}: unedited ${round(firstLine.at(-1)!)} ms (rested ${round(restedFirstLine.at(-1)!)} ms) and ${round(bytes.at(-1)!)} KiB, after an edit ${round(editedFirstLine.at(-1)!)} ms`,
    );
  }
  return {
    metrics: [
      metric(
        'firstRun.bytes',
        'First Run, unedited, first visit: bytes it fetches',
        'KiB',
        bytes,
        upTo(400, '< 400 KiB'),
      ),
      metric('firstRun.wasm', '  of which .wasm files', 'count', wasmFetched, upTo(0, '0')),
      metric(
        'firstRun.firstLine',
        'First Run, unedited, first visit → first Console line',
        'ms',
        firstLine,
        upTo(400, '< 400 ms'),
      ),
      metric(
        'firstRun.firstLineRested',
        `  the same, pointer over the example ${REST_MS} ms before Run`,
        'ms',
        restedFirstLine,
      ),
      metric(
        'firstRun.edited',
        'First Run right after an edit, first visit → first Console line',
        'ms',
        editedFirstLine,
      ),
    ],
    details: { firstRunFetches: lastFetches },
  };
}
