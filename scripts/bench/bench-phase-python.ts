/**
 * Benchmark phase for issue 24, Python live in the browser, against its budgets: on a lesson with a
 * Python example (default /lessons/first-request/, "Python: first_request.py"), in a fresh browser
 * context each time (empty HTTP cache, no service worker yet):
 *
 * - the lesson page before the reader acts: bytes on the wire, and that no Python file was fetched,
 *   not even once the Python tab is shown;
 * - the first Python run (the tab shown, Run clicked): bytes it transfers (the runtime's files, the
 *   worker's script) and the time from the click to the first Console line and to the end;
 * - a warm run: once the page has booted its spare Python worker (the renderers' CPU has gone quiet,
 *   at least a few seconds after the run), Run to "Finished";
 * - memory: PSS of all the renderer processes (bench-processes.ts) before the first Run and once
 *   the spare has booted after it.
 */
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { isPythonFile } from '../../src/offline/python-files.ts';
import { freshPage, loadPage } from './bench-browser.ts';
import { example, PAGE_WAIT_MS, timeRun } from './bench-page.ts';
import { recordFetches, watchFinished } from './bench-phase-first-run.ts';
import { ChromiumProcesses } from './bench-processes.ts';
import { log, metric, round, upTo, type BenchSettings, type Phase } from './bench-report.ts';

/** The tab that shows a live example's Python version. */
const PYTHON_TAB = 'Python (requests)';
/** Warm runs after each cold one, each once the spare worker has booted. */
const WARM_RUNS = 2;
/** A reader reads the output before running again; the spare boots meanwhile. */
const MIN_SETTLE_MS = 3000;

/** Recorded in the JSON, so numbers from different versions of this script can be compared. */
export const PYTHON_PHASE_CONFIG = {
  pythonWarmRunsPerColdRun: WARM_RUNS,
  pythonMinSettleMs: MIN_SETTLE_MS,
};

export interface PythonPhaseOptions {
  /** Region name of the Python example, e.g. "Python: first_request.py". */
  title: string;
  /** Cold first runs, each in a fresh context. */
  runs: number;
}

function isPythonUrl(url: string): boolean {
  const { pathname } = new URL(url);
  return isPythonFile(pathname) || /pyodide/i.test(pathname);
}

/** Shows the Python version of the example (its tab), as a reader who wants Python does. */
async function showPython(page: Page, title: string): Promise<void> {
  const { region } = example(page, title);
  for (const tab of await page.getByRole('tab', { name: PYTHON_TAB, exact: true }).all()) {
    if (await region.isVisible()) break;
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  }
  await region.waitFor({ state: 'visible', timeout: PAGE_WAIT_MS }).catch(() => {
    throw new Error(
      `No visible region "${title}" after showing the "${PYTHON_TAB}" tabs. Pass --python-example with the name of a Python example's region on this lesson (e.g. "Python: first_request.py").`,
    );
  });
}

export async function measurePython(
  { browser, site, url }: BenchSettings,
  { title, runs }: PythonPhaseOptions,
): Promise<Phase> {
  const pageBytes: number[] = [];
  const pythonBeforeRun: number[] = [];
  const firstRunMB: number[] = [];
  const firstLine: number[] = [];
  const firstFinished: number[] = [];
  const warmFinished: number[] = [];
  const warmFirstLine: number[] = [];
  const memoryBefore: number[] = [];
  const memoryAfter: number[] = [];
  const loadAverages: number[] = [];
  let lastFetches: { url: string; bytes: number }[] = [];
  let pythonFilesSeen: string[] = [];
  const processes = new ChromiumProcesses(browser);
  try {
    for (let i = 0; i < runs; i += 1) {
      loadAverages.push(loadavg()[0]!);
      const bench = await freshPage(browser);
      try {
        const pythonRequests: string[] = [];
        bench.context.on('request', (request) => {
          if (request.url().startsWith('http') && isPythonUrl(request.url()))
            pythonRequests.push(new URL(request.url()).pathname);
        });
        const fetches = recordFetches(bench.page, site.dir);
        const load = await loadPage(bench, url, { interceptScript: site.liveExampleScript });
        pageBytes.push(load.transferredBytes / 1024);
        // Choosing the Python tab is reading, not asking for Python: it must fetch nothing either.
        await showPython(bench.page, title);
        await processes.waitUntilQuiet({ minMs: 1000, maxMs: 10_000 });
        pythonBeforeRun.push(pythonRequests.length);
        pythonFilesSeen = [...new Set(pythonRequests)];
        memoryBefore.push((await processes.rendererMemoryMB()).pssMB);

        const finishedAt = await watchFinished(bench.page, title);
        const from = Date.now();
        const cold = await timeRun(bench.page, title);
        const until = await finishedAt();
        firstLine.push(cold.firstLine);
        firstFinished.push(cold.finished);
        // The spare worker boots now; its files come from the page's copy, not the network.
        const settled = await processes.waitUntilQuiet({ minMs: MIN_SETTLE_MS });
        const ofRun = [
          ...new Map(
            fetches.filter((f) => f.start >= from && f.start <= until).map((f) => [f.url, f]),
          ).values(),
        ];
        firstRunMB.push(ofRun.reduce((sum, f) => sum + f.bytes, 0) / 1e6);
        lastFetches = ofRun.map((f) => ({ url: new URL(f.url).pathname, bytes: f.bytes }));
        memoryAfter.push((await processes.rendererMemoryMB()).pssMB);

        for (let run = 0; run < WARM_RUNS; run += 1) {
          if (run > 0) await processes.waitUntilQuiet({ minMs: MIN_SETTLE_MS });
          const warm = await timeRun(bench.page, title);
          warmFinished.push(warm.finished);
          warmFirstLine.push(warm.firstLine);
        }
        log(
          `python ${i + 1}/${runs}: page ${round(pageBytes.at(-1)!)} KiB, first run ${round(firstRunMB.at(-1)!, 2)} MB, first line ${Math.round(cold.firstLine)} ms, warm ${warmFinished
            .slice(-WARM_RUNS)
            .map((ms) => Math.round(ms))
            .join(
              ', ',
            )} ms (spare settled in ${Math.round(settled)} ms), renderers ${Math.round(memoryBefore.at(-1)!)} → ${Math.round(memoryAfter.at(-1)!)} MB, load ${loadAverages.at(-1)!.toFixed(1)}`,
        );
      } finally {
        await bench.context.close();
      }
    }
  } finally {
    await processes.close();
  }
  const growth = memoryAfter.map((after, i) => after - memoryBefore[i]!);
  return {
    metrics: [
      metric(
        'python.pageBytes',
        'Python lesson before the reader acts: transferred (gzip)',
        'KiB',
        pageBytes,
        upTo(60, '≤ 60 KiB'),
      ),
      metric(
        'python.filesBeforeRun',
        '  Python files fetched before Run (Python tab shown)',
        'count',
        pythonBeforeRun,
        upTo(0, '0'),
      ),
      metric(
        'python.firstRunBytes',
        'First Python run, empty cache: transferred',
        'MB',
        firstRunMB,
        upTo(7, '≤ 7 MB'),
      ),
      metric(
        'python.firstLine',
        'First Python run, empty cache: Run → first Console line',
        'ms',
        firstLine,
        upTo(4000, '≤ 4 s (quiet machine)'),
      ),
      metric('python.firstFinished', '  the same → Finished', 'ms', firstFinished),
      metric(
        'python.warmFinished',
        'Warm Python run (spare booted): Run → Finished',
        'ms',
        warmFinished,
        upTo(300, '≤ 300 ms'),
      ),
      metric('python.warmFirstLine', '  the same → first Console line', 'ms', warmFirstLine),
      metric(
        'python.memoryBefore',
        'Renderer memory (PSS), Python tab shown, before Run',
        'MB',
        memoryBefore,
      ),
      metric(
        'python.memoryAfter',
        'Renderer memory (PSS) after a Python run, spare booted',
        'MB',
        memoryAfter,
      ),
      metric(
        'python.memoryGrowth',
        '  growth: the spare Python worker, booted, and the sandboxes',
        'MB',
        growth,
      ),
    ],
    details: {
      python: {
        example: title,
        firstRunFetches: lastFetches,
        pythonFilesBeforeRun: pythonFilesSeen,
        loadAverageAtEachColdRun: loadAverages.map((load) => round(load, 2)),
        memory:
          'PSS (proportional set size, /proc/<pid>/smaps_rollup) summed over all renderer processes that CDP SystemInfo.getProcessInfo lists, MB = 10^6 bytes',
      },
    },
  };
}
