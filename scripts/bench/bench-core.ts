/**
 * Benchmarks of the run core, medians from one run of this script:
 * - real time to run a program with 30 s of virtual waiting (a /hang with a 30 s deadline, then three
 *   429s each followed by its Retry-After of 10 s) in the Node host and in the browser's sandbox;
 * - warm Run → first Console line on the first lesson, on this build and, with --before, on another
 *   build (the site before a change), in the same run.
 *
 * Usage: npm run bench:core -- [--dir dist] [--before DIR] [--runs 9] [--port 4395]
 * (build first; for --before, build the older commit into its own folder).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { createNodeRunner } from '../../src/runner/node/node-host.ts';
import { RUN_OUTCOMES, type RunRecord } from '../../src/runner/run-record.ts';
import { freshPage, launchChromium } from './bench-browser.ts';
import { timeRun } from './bench-page.ts';
import { formatTable, metric, upTo, type Metric } from './bench-report.ts';
import { serveStatic } from '../build/serve-static.ts';
import { defineCli, parseCliOrExit } from '../course-cli/cli-args.ts';

const { values } = parseCliOrExit(
  defineCli({
    name: 'bench:core',
    usage: '[--dir dist] [--before DIR] [--runs 9] [--port 4395]',
    summary:
      'Benchmarks the run core: 30 s of virtual waiting in the Node host and the browser, and warm Run to first Console line (with --before, against another build). Build first.',
    options: {
      dir: { type: 'string', default: 'dist' },
      before: { type: 'string' },
      runs: { type: 'string', default: '9' },
      port: { type: 'string', default: '4395' },
    },
  }),
);
const RUNS = Number(values.runs);
const LESSON = '/lessons/first-request/';
const TITLE = 'Your first GET request';

export const THIRTY_SECONDS_OF_WAITING = `
try {
  await fetch('https://api.example.com/hang', { signal: AbortSignal.timeout(30_000) });
} catch (error) {
  console.log((error as Error).name);
}
for (let attempt = 1; attempt <= 3; attempt++) {
  const response = await fetch('https://api.example.com/status/429');
  const wait = 10 * Number(response.headers.get('Retry-After'));
  await new Promise((resolve) => setTimeout(resolve, wait * 1000));
}
console.log('waited', performance.now());
`;

function checkVirtual(record: RunRecord): number {
  if (record.outcome !== 'finished' || record.clockMs !== 60_000) {
    throw new Error(
      `The 30 s program ended "${record.outcome}" at ${record.clockMs} virtual ms; expected finished at 60000. Fix the runtime before benchmarking.`,
    );
  }
  return record.realMs!;
}

async function nodeVirtual(): Promise<{ run: number[]; total: number[] }> {
  const runner = createNodeRunner();
  const run: number[] = [];
  const total: number[] = [];
  try {
    await runner.run('console.log(1)', {}).done; // bundles the child and warms the compiler
    for (let index = 0; index < RUNS; index += 1) {
      const started = performance.now();
      const record = await runner.run(THIRTY_SECONDS_OF_WAITING, { clock: 'virtual' }).done;
      total.push(performance.now() - started);
      run.push(checkVirtual(record));
    }
  } finally {
    runner.dispose();
  }
  return { run, total };
}

/** Adds a live example with `code` on the virtual clock to the page and runs it once; its record. */
async function runVirtualInPage(page: Page, code: string): Promise<RunRecord> {
  return page.evaluate(
    async ([source, outcomes]) => {
      const element = document.createElement('live-example') as HTMLElement & {
        record: unknown;
        run(): void;
      };
      element.dataset.code = source;
      element.dataset.title = `Bench ${Math.random()}`;
      element.dataset.clock = 'virtual';
      document.querySelector('main')!.append(element);
      element.run();
      while (!outcomes.includes(element.dataset.state ?? '')) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const record = element.record;
      element.remove();
      return record;
    },
    [code, [...RUN_OUTCOMES] as string[]] as const,
  ) as Promise<RunRecord>;
}

async function browserRuns(
  url: string,
  withVirtual: boolean,
): Promise<{ warm: number[]; started: number[]; virtual: number[] }> {
  const browser = await launchChromium();
  const warm: number[] = [];
  const started: number[] = [];
  const virtual: number[] = [];
  try {
    const { page, context } = await freshPage(browser);
    await page.goto(url);
    await timeRun(page, TITLE); // cold: loads the compiler and the first sandbox
    for (let index = 0; index < RUNS; index += 1) {
      const timing = await timeRun(page, TITLE);
      warm.push(timing.firstLine);
      started.push(timing.started);
    }
    if (withVirtual) {
      for (let index = 0; index < RUNS; index += 1) {
        virtual.push(checkVirtual(await runVirtualInPage(page, THIRTY_SECONDS_OF_WAITING)));
      }
    }
    await context.close();
  } finally {
    await browser.close();
  }
  return { warm, started, virtual };
}

async function main(): Promise<void> {
  const port = Number(values.port);
  const dirs = [resolve(values.dir), ...(values.before ? [resolve(values.before)] : [])];
  for (const dir of dirs) {
    if (!existsSync(resolve(dir, 'lessons'))) {
      throw new Error(`No built site in ${dir}: build it first (npm run build).`);
    }
  }
  const node = await nodeVirtual();
  const server = await serveStatic(dirs[0]!, port);
  const after = await browserRuns(`http://127.0.0.1:${port}${LESSON}`, true).finally(() =>
    server.close(),
  );
  const metrics: Metric[] = [
    metric(
      'node-virtual-30s',
      '30 s of virtual waiting, Node host (run)',
      'ms',
      node.run,
      upTo(200, '< 200 ms'),
    ),
    metric('node-virtual-30s-total', '  … including compile and handing over', 'ms', node.total),
    metric(
      'browser-virtual-30s',
      '30 s of virtual waiting, browser (run)',
      'ms',
      after.virtual,
      upTo(500, '< 500 ms'),
    ),
    metric('warm-run-after', 'Warm Run → first Console line, this build', 'ms', after.warm),
    metric(
      'warm-started-after',
      '  … of which Run → "Running…" (compile, sandbox ready)',
      'ms',
      after.started,
    ),
  ];
  if (values.before) {
    const beforeServer = await serveStatic(dirs[1]!, port + 1);
    const before = await browserRuns(`http://127.0.0.1:${port + 1}${LESSON}`, false).finally(() =>
      beforeServer.close(),
    );
    metrics.push(
      metric(
        'warm-started-before',
        '  … of which Run → "Running…", --before build',
        'ms',
        before.started,
      ),
      metric('warm-run-before', 'Warm Run → first Console line, --before build', 'ms', before.warm),
    );
    const median = (id: string) => metrics.find((entry) => entry.id === id)!.median;
    const ratio = median('warm-run-after') / median('warm-run-before');
    metrics.push(
      metric('warm-run-ratio', 'Warm Run, this build / before', 'x', [ratio], upTo(1, '≤ 1.00x')),
    );
  }
  console.log(formatTable(metrics));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/bench-core.json', `${JSON.stringify(metrics, null, 2)}\n`);
}

await main();
