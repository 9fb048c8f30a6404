/**
 * Benchmarks of judging exercises, medians from one run of this script:
 * - real time to judge each of the four contract exercises with its solution, in the Node host and
 *   in the browser (warm: the page's sandboxes booted and the code compiled once before timing);
 * - one sandbox's boot in each host (a Node child, spawn → ready; a browser worker, new Worker →
 *   ready, with and without the warm-up request);
 * - the whole `exercises:verify` (every solution and every starter).
 *
 * Usage: npm run bench:exercises -- [--dir dist] [--runs 5] [--port 4396] (build first).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { compileChecks, findExercises } from '../../src/checker/exercises.ts';
import { judge } from '../../src/checker/judge.ts';
import { createNodeRunner, createNodeSandbox } from '../../src/runner/node/node-host.ts';
import { SandboxWorker } from '../../src/runner/sandbox-client.ts';
import { exerciseEditKey } from '../../src/examples/saved-edits.ts';
import { freshPage, launchChromium } from './bench-browser.ts';
import { formatTable, log, metric, upTo, type Metric } from './bench-report.ts';
import { verifyExercises } from '../course-cli/exercises-verify.ts';
import { serveStatic } from '../build/serve-static.ts';
import { defineCli, parseCliOrExit } from '../course-cli/cli-args.ts';

const { values } = parseCliOrExit(
  defineCli({
    name: 'bench:exercises',
    usage: '[--dir dist] [--runs 5] [--port 4396]',
    summary:
      'Benchmarks judging the contract exercises in Node and in the browser, and the whole exercises:verify. Build first.',
    options: {
      dir: { type: 'string', default: 'dist' },
      runs: { type: 'string', default: '5' },
      port: { type: 'string', default: '4396' },
    },
  }),
);
const RUNS = Number(values.runs);
const CONTRACTS = ['timeout-get-json', 'fetch-user', 'retry-with-backoff', 'api-client'];

const exercises = findExercises().filter((exercise) => CONTRACTS.includes(exercise.id));
const missing = CONTRACTS.filter((id) => !exercises.some((exercise) => exercise.id === id));
if (missing.length) log(`not in this checkout, left out: ${missing.join(', ')}`);

async function nodeSamples(): Promise<Metric[]> {
  const runner = createNodeRunner();
  const metrics: Metric[] = [];
  try {
    for (const exercise of exercises) {
      const checksJs = await compileChecks(exercise);
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const results = await judge(runner, exercise.solution, { exercise: exercise.id, checksJs });
        samples.push(performance.now() - started);
        if (results.status !== 'pass') throw new Error(`${exercise.id}: the solution did not pass`);
      }
      metrics.push(metric(`node-${exercise.id}`, `Judge ${exercise.id}, Node`, 'ms', samples));
    }
  } finally {
    runner.dispose();
  }
  return metrics;
}

/** One sandbox per check: how long a Node child takes from spawn to ready, one at a time. */
async function nodeBootSamples(): Promise<Metric> {
  const samples: number[] = [];
  for (let run = 0; run < Math.max(5, RUNS * 2); run++) {
    const started = performance.now();
    const sandbox = new SandboxWorker(createNodeSandbox);
    await sandbox.ready;
    samples.push(performance.now() - started);
    sandbox.terminate();
  }
  return metric('node-boot', 'Sandbox boot, Node child (spawn → ready)', 'ms', samples);
}

/**
 * One sandbox per check: how long the built site's sandbox worker takes from `new Worker` to ready,
 * one at a time, started from its own source as the sandbox frame starts it (a blob: URL), on the
 * worker script's own URL (no page around it); with the warm-up request a live example's sandbox
 * answers, and without it, as the Grade page's.
 */
async function browserBootSamples(browser: Browser, port: number): Promise<Metric[]> {
  const script = readdirSync(join(values.dir, '_astro')).find((file) =>
    /^sandbox-worker[.-].*\.js$/.test(file),
  );
  if (!script) throw new Error(`No sandbox worker in ${values.dir}/_astro: build the site first.`);
  const { context, page } = await freshPage(browser);
  await page.goto(`http://127.0.0.1:${port}/_astro/${script}`);
  const metrics: Metric[] = [];
  for (const warmUp of [true, false]) {
    const samples = await page.evaluate(
      async ({ runs, warmUp }) => {
        const source = await (await fetch(location.href)).text();
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const times: number[] = [];
        for (let run = 0; run < runs; run++) {
          const started = performance.now();
          const worker = new Worker(url);
          const channel = new MessageChannel();
          await new Promise<void>((resolve) => {
            channel.port1.onmessage = (event: MessageEvent<{ type?: string }>) => {
              if (event.data?.type === 'ready') resolve();
            };
            worker.postMessage({ type: 'connect', baseUrl: location.origin, warmUp }, [
              channel.port2,
            ]);
          });
          times.push(performance.now() - started);
          worker.terminate();
        }
        return times;
      },
      { runs: Math.max(5, RUNS * 2), warmUp },
    );
    metrics.push(
      metric(
        warmUp ? 'browser-boot' : 'browser-boot-grading',
        `Sandbox boot, browser worker (new Worker → ready)${warmUp ? ', with warm-up' : ', no warm-up (grading)'}`,
        'ms',
        samples,
      ),
    );
  }
  await context.close();
  return metrics;
}

async function browserSamples(): Promise<Metric[]> {
  const port = Number(values.port);
  const server = await serveStatic(values.dir, port);
  const browser = await launchChromium();
  const metrics: Metric[] = [];
  try {
    metrics.push(...(await browserBootSamples(browser, port)));
    for (const exercise of exercises) {
      const { context, page } = await freshPage(browser);
      const url = `http://127.0.0.1:${port}/exercises/${exercise.id}/`;
      // The learner's saved code is the solution: the element opens with it, as after a visit.
      await page.goto(url);
      await page.evaluate(
        ([key, code]) => localStorage.setItem(key, JSON.stringify({ code, savedAt: Date.now() })),
        [exerciseEditKey(exercise.id), exercise.solution] as const,
      );
      await page.reload();
      const check = () =>
        page.evaluate(async () => {
          const element = document.querySelector('course-exercise') as HTMLElement & {
            check(): Promise<void>;
            results: { status: string } | null;
          };
          const started = performance.now();
          await element.check();
          return { ms: performance.now() - started, status: element.results?.status };
        });
      await check(); // warm: sandboxes booted, compiler loaded, code compiled
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { ms, status } = await check();
        if (status !== 'pass')
          throw new Error(`${exercise.id}: the solution did not pass (${status})`);
        samples.push(ms);
      }
      metrics.push(
        metric(
          `browser-${exercise.id}`,
          `Judge ${exercise.id}, browser (warm)`,
          'ms',
          samples,
          upTo(1000, '< 1 s'),
        ),
      );
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return metrics;
}

log('booting Node sandboxes');
const boot = await nodeBootSamples();
log('judging in Node');
const node = [boot, ...(await nodeSamples())];
log('judging in the browser');
const browser = await browserSamples();
log('exercises:verify');
const started = performance.now();
const problems = await verifyExercises();
const verify = metric(
  'verify',
  `exercises:verify, ${findExercises().length} exercises`,
  'ms',
  [performance.now() - started],
  upTo(60_000, '< 60 s'),
);
if (problems.length) log(`exercises:verify found ${problems.length} problem(s)`);
console.log(formatTable([...browser, ...node, verify]));
