/**
 * The live-lesson benchmark (issue 6): on the built site, in headless Chromium, measures what a
 * reader waits for and pays, reports medians against the targets, and writes JSON. Not a test:
 * machines are noisy, so numbers are reported, never asserted. Everything is measured in one run of
 * this script, so the ratios compare like with like.
 *
 *   npm run build && npm run bench [-- --loads 7 --runs 100 --lesson /lessons/first-request/]
 *   npm run bench -- --only first-run --dir /tmp/other-build   (the load phase runs too)
 *   npm run bench -- --only python [--python-runs 3]           (Python alone, no load phase)
 *
 * Phases: page loads with and without live examples (LCP, bytes), the first Run of a first visit
 * (unedited: bytes fetched and first Console line; right after an edit), time to an editable editor (cold
 * and warm cache), Run to the first Console line (cold, cold with a cached site, warm) against the
 * bare esbuild transform of the same code, heap and workers after 10 and 100 runs, and Python
 * (issue 24: the page before Run, a first Python run's bytes and time, a warm run, memory).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname } from 'node:path';
import type { Browser } from '@playwright/test';
import { launchChromium } from './bench-browser.ts';
import { measureFirstRuns } from './bench-phase-first-run.ts';
import { measureEditor, measureLoads } from './bench-phase-load.ts';
import { measurePython, PYTHON_PHASE_CONFIG } from './bench-phase-python.ts';
import { measureManyRuns, measureRuns, RUN_PHASE_CONFIG } from './bench-phase-run.ts';
import { formatTable, log, round, type BenchSettings, type Phase } from './bench-report.ts';
import { readSite } from './bench-site.ts';
import { serveStatic } from '../build/serve-static.ts';
import { defineCli, parseCliOrExit } from '../course-cli/cli-args.ts';

const { values } = parseCliOrExit(
  defineCli({
    name: 'bench',
    usage:
      '[--loads 7] [--runs 100] [--lesson /lessons/first-request/] [--only load,first-run,editor,run,many,python] [--python-runs 3] [--python-example "Python: first_request.py"] [--dir dist] [--out FILE]',
    summary:
      'Measures the live lessons on the built site in headless Chromium (loads, first Run, editor, Run, many runs, Python) and writes JSON. Build first (npm run build).',
    options: {
      dir: { type: 'string', default: 'dist' },
      lesson: { type: 'string', default: '/lessons/first-request/' },
      loads: { type: 'string', default: '7' },
      runs: { type: 'string', default: '100' },
      out: { type: 'string', default: 'bench-results/bench.json' },
      only: { type: 'string', default: 'load,first-run,editor,run,many,python' },
      'python-runs': { type: 'string', default: '3' },
      'python-example': { type: 'string', default: 'Python: first_request.py' },
    },
  }),
);

const PHASES = ['load', 'first-run', 'editor', 'run', 'many', 'python'] as const;
const only = new Set(values.only!.split(',').map((name) => name.trim()));
for (const name of only) {
  if (!(PHASES as readonly string[]).includes(name)) {
    throw new Error(`--only takes phases from ${PHASES.join(', ')} (got "${name}").`);
  }
}
const skip = async (): Promise<Phase> => ({ metrics: [], details: {} });

function count(option: 'loads' | 'runs' | 'python-runs', min: number): number {
  const value = Number(values[option]);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(
      `--${option} must be a whole number of at least ${min} (got "${values[option]}").`,
    );
  }
  return value;
}

/** The whole benchmark gives up after this long, closing the browser and the server. */
const DEADLINE_MS = 10 * 60_000;

async function main(): Promise<void> {
  const loadsPerMeasurement = count('loads', 1);
  const runs = count('runs', 10);
  const pythonRuns = count('python-runs', 1);
  const site = readSite(values.dir!, values.lesson!);
  const server = await serveStatic(site.dir, 0);
  let browser: Browser | null = null;
  const deadline = setTimeout(() => {
    log(`Gave up after ${DEADLINE_MS / 60_000} minutes; closing the browser and the server.`);
    void (browser?.close() ?? Promise.resolve()).finally(() => process.exit(1));
  }, DEADLINE_MS);
  try {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}${site.lesson}`;
    browser = await launchChromium();
    log(
      `${url} in Chromium ${browser.version()}, ${loadsPerMeasurement} loads per measurement, ${runs} runs`,
    );
    const settings: BenchSettings = { browser, site, url, loads: loadsPerMeasurement, runs };
    const started = performance.now();
    const loadBefore = loadavg()[0]!;
    if (loadBefore > availableParallelism()) {
      log(
        `The machine is busy (load average ${loadBefore.toFixed(1)} on ${availableParallelism()} cores): expect noisy numbers.`,
      );
    }
    // The load phase finds the example the TypeScript phases use: it runs whenever one of them does.
    const needsLoads = PHASES.some((name) => name !== 'python' && only.has(name));
    const loads = needsLoads ? await measureLoads(settings) : { ...(await skip()), title: '' };
    const firstRuns = only.has('first-run')
      ? await measureFirstRuns(settings, loads.title)
      : await skip();
    const editor = only.has('editor') ? await measureEditor(settings, loads.title) : await skip();
    const run = only.has('run') ? await measureRuns(settings, loads.title) : await skip();
    const many = only.has('many') ? await measureManyRuns(settings, loads.title) : await skip();
    const python = only.has('python')
      ? await measurePython(settings, { title: values['python-example']!, runs: pythonRuns })
      : await skip();
    const phases = [loads, firstRuns, editor, run, many, python];
    const metrics = phases.flatMap((phase) => phase.metrics);
    const examples = [loads.title, only.has('python') ? values['python-example'] : '']
      .filter(Boolean)
      .map((title) => `"${title}"`);
    console.log(`\nLive lesson benchmark: ${site.lesson}, ${examples.join(' and ')}\n`);
    console.log(formatTable(metrics));
    const misses = metrics.filter((m) => m.pass === false).length;
    const loadAfter = loadavg()[0]!;
    console.log(
      `\nMachine load average: ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on ${availableParallelism()} cores.`,
    );
    console.log(
      `${misses === 0 ? 'All targets met.' : `${misses} target(s) missed.`} (${Math.round((performance.now() - started) / 1000)} s)`,
    );
    mkdirSync(dirname(values.out!), { recursive: true });
    const result = {
      date: new Date().toISOString(),
      environment: {
        chromium: browser.version(),
        node: process.version,
        cpus: availableParallelism(),
        loadAverage: { start: round(loadBefore, 2), end: round(loadAfter, 2) },
        platform: process.platform,
      },
      site: {
        dir: values.dir,
        lesson: site.lesson,
        example: loads.title,
        pythonExample: only.has('python') ? values['python-example'] : null,
        liveExampleScript: site.liveExampleScript,
      },
      config: {
        loads: loadsPerMeasurement,
        runs,
        ...RUN_PHASE_CONFIG,
        pythonRuns,
        ...PYTHON_PHASE_CONFIG,
      },
      metrics: metrics.map((m) => ({
        ...m,
        median: round(m.median, 2),
        samples: m.samples.map((s) => round(s, 2)),
      })),
      details: Object.assign({}, ...phases.map((phase) => phase.details)),
    };
    writeFileSync(values.out!, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`JSON written to ${values.out}`);
  } finally {
    clearTimeout(deadline);
    await browser?.close();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

main().catch((error: unknown) => {
  console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
