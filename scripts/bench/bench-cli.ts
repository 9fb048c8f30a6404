/**
 * Times the course's command-line tools as whole processes, the way a terminal or a GitHub Classroom
 * workflow starts them: the tool's own start-up (`grade --help`), `check-exercise` judging one
 * solution, and the same through `npm run` (npm's own start-up included). Each beside the way the
 * tools started before scripts/build/run-cli.mjs (tsx compiling the TypeScript at every start), in
 * the same run, taking turns. Medians.
 *
 * Usage: npm run bench:cli -- [--runs 7]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { defineCli, parseCliOrExit } from '../course-cli/cli-args.ts';
import { formatTable, log, median, metric, upTo, type Metric } from './bench-report.ts';

const { values } = parseCliOrExit(
  defineCli({
    name: 'bench:cli',
    usage: '[--runs 7]',
    summary: 'Times the course CLIs as whole processes, bundled and with tsx, in one run.',
    options: { runs: { type: 'string', default: '7' } },
  }),
);
const RUNS = Number(values.runs);
const root = join(import.meta.dirname, '..', '..');
const SOLUTION = 'lessons/03-response-errors/exercises/fetch-user/solution.ts';

const commands = {
  startBundled: ['node', 'scripts/build/run-cli.mjs', 'grade', '--help'],
  startTsx: ['node_modules/.bin/tsx', 'scripts/course-cli/grade.ts', '--help'],
  checkBundled: ['node', 'scripts/build/run-cli.mjs', 'check-exercise', 'fetch-user', SOLUTION],
  checkTsx: [
    'node_modules/.bin/tsx',
    'scripts/course-cli/check-exercise.ts',
    'fetch-user',
    SOLUTION,
  ],
  checkNpm: ['npm', 'run', '--silent', 'check-exercise', '--', 'fetch-user', SOLUTION],
} as const;
type Name = keyof typeof commands;

function timeOnce(name: Name): number {
  const [command, ...args] = commands[name];
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${commands[name].join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, [] as number[]]));
// Untimed first round: builds the bundles and fills the disk cache, as any earlier command would.
for (const name of Object.keys(commands) as Name[]) timeOnce(name);
for (let i = 0; i < RUNS; i += 1) {
  const order = Object.keys(commands) as Name[];
  for (const name of i % 2 ? order.reverse() : order) samples[name]!.push(timeOnce(name));
  log(`round ${i + 1}/${RUNS}`);
}

const ratio = (a: Name, b: Name) => [median(samples[a]!) / median(samples[b]!)];
const metrics: Metric[] = [
  metric(
    'cli.start',
    'CLI start-up (grade --help), bundled',
    'ms',
    samples.startBundled!,
    upTo(300, '< 300 ms'),
  ),
  metric('cli.startTsx', '  before: with tsx', 'ms', samples.startTsx!),
  metric('cli.startRatio', '  bundled / tsx', 'x', ratio('startBundled', 'startTsx')),
  metric(
    'cli.check',
    'check-exercise fetch-user (solution), bundled',
    'ms',
    samples.checkBundled!,
    upTo(1000, '< 1000 ms'),
  ),
  metric('cli.checkTsx', '  before: with tsx', 'ms', samples.checkTsx!),
  metric('cli.checkRatio', '  bundled / tsx', 'x', ratio('checkBundled', 'checkTsx')),
  metric('cli.checkNpm', '  through npm run (npm included)', 'ms', samples.checkNpm!),
];
console.log(formatTable(metrics));
