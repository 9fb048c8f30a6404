/**
 * Benchmark phases around Run: Run to the first Console line (cold, cold with a cached site, warm)
 * against the bare esbuild transform of the same code, then heap and workers over many runs.
 */
import { freshPage, loadPage } from './bench-browser.ts';
import { timeBareEsbuild, timeCompilerWorker, type EsbuildTimes } from './bench-compile.ts';
import { example, heapAndWorkers, timeRun } from './bench-page.ts';
import {
  log,
  median,
  metric,
  round,
  upTo,
  type BenchSettings,
  type Phase,
} from './bench-report.ts';

const WARM_RUNS_PER_LOAD = 5;
/**
 * Pause before each warm run, as a reader reads the output before running again. (The runner
 * prepares the next sandbox after a run; back-to-back clicks measure that preparation instead,
 * which the many-runs phase does on purpose.)
 */
const THINK_MS = 1000;
const TRANSFORM_SAMPLES = 50;

/** Recorded in the JSON, so numbers from different versions of this script can be compared. */
export const RUN_PHASE_CONFIG = {
  warmRunsPerLoad: WARM_RUNS_PER_LOAD,
  thinkMsBeforeWarmRuns: THINK_MS,
  transformSamples: TRANSFORM_SAMPLES,
};

export async function measureRuns(
  { browser, site, url, loads }: BenchSettings,
  title: string,
): Promise<Phase> {
  const cold: number[] = [];
  const coldCached: number[] = [];
  const warm: number[] = [];
  const warmFinished: number[] = [];
  const warmStarted: number[] = [];
  let bare: EsbuildTimes = { transform: [], build: [] };
  let compile: number[] = [];
  for (let i = 0; i < loads; i += 1) {
    const bench = await freshPage(browser);
    try {
      await loadPage(bench, url, { interceptScript: site.liveExampleScript });
      cold.push((await timeRun(bench.page, title)).firstLine);
      for (let run = 0; run < WARM_RUNS_PER_LOAD; run += 1) {
        await bench.page.waitForTimeout(THINK_MS);
        const timing = await timeRun(bench.page, title);
        warm.push(timing.firstLine);
        warmFinished.push(timing.finished);
        warmStarted.push(timing.started);
      }
      if (i === loads - 1) {
        const code = (await example(bench.page, title).region.getAttribute('data-code')) ?? '';
        compile = await timeCompilerWorker(bench.page, site, code, TRANSFORM_SAMPLES);
        bare = await timeBareEsbuild(bench.page, site, code, TRANSFORM_SAMPLES);
      }
      await bench.page.reload({ waitUntil: 'networkidle' });
      coldCached.push((await timeRun(bench.page, title)).firstLine);
    } finally {
      await bench.context.close();
    }
    log(
      `runs ${i + 1}/${loads}: cold ${round(cold.at(-1)!)} ms, warm ${round(median(warm.slice(-WARM_RUNS_PER_LOAD)))} ms, cold cached ${round(coldCached.at(-1)!)} ms`,
    );
  }
  const ratio = median(warm) / median(bare.transform);
  return {
    metrics: [
      metric(
        'run.cold',
        'Run → first Console line, cold (first visit)',
        'ms',
        cold,
        upTo(1500, '≤ 1500 ms'),
      ),
      metric(
        'run.coldCached',
        'Run → first Console line, cold (site cached)',
        'ms',
        coldCached,
        upTo(1500, '≤ 1500 ms'),
      ),
      metric('run.warm', 'Run → first Console line, warm (after 1 s)', 'ms', warm),
      metric(
        'run.warmStarted',
        '  of which: Run → "Running…" (compile, sandbox)',
        'ms',
        warmStarted,
      ),
      metric('run.warmFinished', 'Run → finished status, warm', 'ms', warmFinished),
      metric('run.transform', 'Bare esbuild transform, same code, same page', 'ms', bare.transform),
      metric('run.build', 'Bare esbuild build, runner’s options, same page', 'ms', bare.build),
      metric('run.compile', 'Compile via the site’s compiler worker', 'ms', compile),
      metric(
        'run.warmRatio',
        'Warm Run / bare transform (ratio of medians)',
        'x',
        [ratio],
        upTo(2, '≤ 2x'),
      ),
      metric('run.warmRatioBuild', 'Warm Run / bare build (ratio of medians)', 'x', [
        median(warm) / median(bare.build),
      ]),
    ],
    details: {},
  };
}

export async function measureManyRuns(
  { browser, site, url, runs }: BenchSettings,
  title: string,
): Promise<Phase> {
  const bench = await freshPage(browser);
  try {
    await loadPage(bench, url, { interceptScript: site.liveExampleScript });
    const firstLines: number[] = [];
    let at10 = { heapMB: NaN, workers: NaN };
    for (let run = 1; run <= runs; run += 1) {
      firstLines.push((await timeRun(bench.page, title)).firstLine);
      if (run === 10) at10 = await heapAndWorkers(bench.page, bench.cdp);
      if (run % 25 === 0) log(`many runs: ${run}/${runs}`);
    }
    const atEnd = await heapAndWorkers(bench.page, bench.cdp);
    return {
      metrics: [
        metric('many.heap10', 'JS heap after 10 runs', 'MB', [at10.heapMB]),
        metric(`many.heap${runs}`, `JS heap after ${runs} runs`, 'MB', [atEnd.heapMB]),
        metric(
          'many.heapGrowth',
          `Heap growth, run 10 → ${runs}`,
          'MB',
          [atEnd.heapMB - at10.heapMB],
          upTo(10, '≤ 10 MB'),
        ),
        metric('many.workers10', 'Workers after 10 runs', 'count', [at10.workers]),
        metric(
          'many.workerGrowth',
          `Extra workers, run 10 → ${runs}`,
          'count',
          [Math.abs(atEnd.workers - at10.workers)],
          upTo(0, 'same count'),
        ),
        metric(
          'many.lastWarm',
          `Run → first Console line, runs ${runs - 9}–${runs} back to back`,
          'ms',
          firstLines.slice(-10),
        ),
      ],
      details: {
        workersAtEnd: atEnd.workers,
        workerURLs: bench.page.workers().map((w) => new URL(w.url()).pathname),
      },
    };
  } finally {
    await bench.context.close();
  }
}
