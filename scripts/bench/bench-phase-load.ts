/**
 * Benchmark phases around loading a lesson: what the reader gets before acting (paints, bytes, with
 * and without live examples) and how soon the editor is editable after clicking the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { offlineFiles } from '../build/service-worker-precache.ts';
import { loadPage, freshPage } from './bench-browser.ts';
import { paintTimings, timeEditor } from './bench-page.ts';
import {
  log,
  median,
  metric,
  round,
  upTo,
  type BenchSettings,
  type Phase,
} from './bench-report.ts';

/**
 * What the service worker downloads after a first visit, per stage (gzip, as a server would send
 * it): at install (lessons and the run path), then at idle (the rest).
 */
async function offlineDownloadKiB(dir: string): Promise<{ essential: number; rest: number }> {
  const kib = (files: string[]) =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file))).length, 0) / 1024;
  const { essential, rest } = await offlineFiles(dir);
  return { essential: kib(essential), rest: kib(rest) };
}

export async function measureLoads({
  browser,
  site,
  url,
  loads,
}: BenchSettings): Promise<Phase & { title: string }> {
  const lcp = { on: [] as number[], off: [] as number[] };
  const fcp: number[] = [];
  const bytes: number[] = [];
  const fontBytes: number[] = [];
  const heavy: number[] = [];
  const requests: number[] = [];
  const blocking: number[] = [];
  const lcpElements: string[] = [];
  let title = '';
  let resources: { url: string; bytes: number }[] = [];
  // One untimed load first: the browser's own start-up (processes, disk caches) is not the site's.
  const warmUp = await freshPage(browser);
  await loadPage(warmUp, url, { interceptScript: site.liveExampleScript }).finally(() =>
    warmUp.context.close(),
  );
  for (let i = 0; i < loads; i += 1) {
    // Alternate the order, so a drift in machine load does not favour one variant.
    for (const variant of i % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      const bench = await freshPage(browser);
      try {
        const load = await loadPage(bench, url, {
          interceptScript: site.liveExampleScript,
          blockScript: variant === 'off' ? site.liveExampleScript : undefined,
        });
        const paint = await paintTimings(bench.page);
        const runButtons = await bench.page
          .getByRole('button', { name: 'Run', exact: true })
          .count();
        if ((variant === 'on') !== runButtons > 0) {
          throw new Error(
            `Live examples were expected ${variant} but the page has ${runButtons} Run buttons; is ${site.liveExampleScript} still the script that upgrades <live-example>?`,
          );
        }
        if (
          variant === 'off' &&
          !(await bench.page.locator('live-example pre').first().isVisible())
        )
          throw new Error('With live examples off, the static code blocks should stay visible.');
        lcp[variant].push(paint.lcp);
        lcpElements.push(`${variant}: ${paint.lcpElement}`);
        if (variant === 'on') {
          fcp.push(paint.fcp);
          bytes.push(load.transferredBytes / 1024);
          const fonts = load.resources.filter((r) =>
            /\.(woff2?|ttf)$/.test(new URL(r.url).pathname),
          );
          fontBytes.push(fonts.reduce((sum, r) => sum + r.bytes, 0) / 1024);
          heavy.push(load.heavyRequests.length);
          requests.push(load.resources.length);
          // Chromium marks each resource that held back the first paint.
          blocking.push(
            await bench.page.evaluate(
              () =>
                performance
                  .getEntriesByType('resource')
                  .filter(
                    (entry) =>
                      (entry as PerformanceResourceTiming & { renderBlockingStatus?: string })
                        .renderBlockingStatus === 'blocking',
                  ).length,
            ),
          );
          resources = load.resources;
          title ||=
            (await bench.page.locator('live-example').first().getAttribute('aria-label')) ?? '';
        }
      } finally {
        await bench.context.close();
      }
    }
    log(
      `page load ${i + 1}/${loads}: LCP on ${round(lcp.on.at(-1)!)} ms, off ${round(lcp.off.at(-1)!)} ms`,
    );
  }
  if (!title)
    throw new Error(`No live example found on ${url}. Pass --lesson with a lesson that has one.`);
  // The ratio of the medians is the headline (each median damps the noise of one variant); the
  // paired ratios are kept in the JSON to show the spread.
  const pairedRatios = lcp.on.map((on, i) => round(on / lcp.off[i]!, 3));
  const offline = await offlineDownloadKiB(site.dir);
  return {
    title,
    metrics: [
      metric('load.fcp', 'Lesson load → first contentful paint', 'ms', fcp, upTo(250, '≤ 250 ms')),
      metric(
        'load.lcp',
        'Lesson load → LCP (live examples on)',
        'ms',
        lcp.on,
        upTo(300, '≤ 300 ms'),
      ),
      metric(
        'load.renderBlocking',
        'Render-blocking requests (besides the page)',
        'count',
        blocking,
        upTo(2, '≤ 2'),
      ),
      metric(
        'load.requests',
        'Requests before interaction (the page included)',
        'count',
        requests,
        upTo(12, '≤ 12'),
      ),
      metric('load.lcpOff', 'Lesson load → LCP (live examples off)', 'ms', lcp.off),
      metric(
        'load.lcpRatio',
        'LCP on / off (ratio of medians)',
        'x',
        [median(lcp.on) / median(lcp.off)],
        upTo(1.1, '≤ 1.10x'),
      ),
      metric(
        'load.bytes',
        'Transferred before interaction (gzip)',
        'KiB',
        bytes,
        upTo(50, '≤ 50 KiB'),
      ),
      metric('load.fontBytes', '  of which web fonts', 'KiB', fontBytes),
      metric(
        'offline.essentialBytes',
        'Offline download, first stage: lessons, run path (gzip; none on Save-Data/2G)',
        'KiB',
        [offline.essential],
      ),
      metric(
        'offline.restBytes',
        'Offline download, then at idle: other pages, search (gzip)',
        'KiB',
        [offline.rest],
      ),
      metric(
        'load.heavyRequests',
        'Editor/compiler/sandbox requests before interaction',
        'count',
        heavy,
        upTo(0, '0'),
      ),
    ],
    details: {
      lcpElements,
      lcpPairedRatios: pairedRatios,
      resourcesOfLastLoad: resources.map((r) => ({ url: new URL(r.url).pathname, bytes: r.bytes })),
    },
  };
}

export async function measureEditor(
  { browser, site, url, loads }: BenchSettings,
  title: string,
): Promise<Phase> {
  const typing: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < loads; i += 1) {
    const bench = await freshPage(browser);
    try {
      await loadPage(bench, url, { interceptScript: site.liveExampleScript });
      const first = await timeEditor(bench.page, title);
      typing.push(first.typing);
      cold.push(first.ready);
      await bench.page.reload({ waitUntil: 'networkidle' });
      warm.push((await timeEditor(bench.page, title)).ready);
    } finally {
      await bench.context.close();
    }
    log(
      `editor ${i + 1}/${loads}: typing ${round(typing.at(-1)!)} ms, Monaco cold ${round(cold.at(-1)!)} ms, warm ${round(warm.at(-1)!)} ms`,
    );
  }
  return {
    metrics: [
      metric(
        'editor.typing',
        'Click code → typing accepted (cold cache)',
        'ms',
        typing,
        upTo(100, '< 100 ms'),
      ),
      metric(
        'editor.cold',
        'Click code → Monaco ready (cold cache)',
        'ms',
        cold,
        upTo(1500, '≤ 1500 ms'),
      ),
      metric(
        'editor.warm',
        'Click code → Monaco ready (warm cache)',
        'ms',
        warm,
        upTo(1000, '≤ 1000 ms'),
      ),
    ],
    details: {},
  };
}
