/**
 * Times the course's command-line tools as whole processes, the way a terminal or a GitHub Classroom
 * workflow starts them: the tool's own start-up (`grade --help`), `check-exercise` judging one
 * solution, and the same through `npm run` (npm's own start-up included). Each beside the way the
 * tools started before scripts/build/run-cli.mjs (tsx compiling the TypeScript at every start), in
 * the same run, taking turns. Medians. Also `check-exercise` with no check list kept yet (as on a
 * fresh CI machine, where the first command for an exercise lists its checks in a sandbox of its
 * own), and one GitHub Classroom step: `grade --exercise fetch-user --require-full` on one
 * submission.json, as graders/github-classroom/classroom.yml runs it.
 *
 * Usage: npm run bench:cli -- [--runs 7]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assignmentUrl } from '../../src/teach/assignment-link.ts';
import { findExercises } from '../../src/checker/exercises.ts';
import { CHECK_LISTS_FOLDER } from '../../src/checker/node/listing-store.ts';
import { benchAssignment, benchSubmission } from './bench-assignment.ts';
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

/** A one-exercise assignment and one student's submission.json, as a Classroom repository holds. */
async function classroomFiles(): Promise<{ link: string; submission: string; dir: string }> {
  const { assignment } = await benchAssignment(['fetch-user']);
  const solution = findExercises().find((exercise) => exercise.id === 'fetch-user')!.solution;
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const submission = join(dir, 'submission.json');
  writeFileSync(
    submission,
    benchSubmission(assignment, { name: 'Bench Student', id: 'b1' }, () => solution),
  );
  return { link: await assignmentUrl('http://127.0.0.1:4321', assignment), submission, dir };
}
const classroom = await classroomFiles();
process.once('exit', () => rmSync(classroom.dir, { recursive: true, force: true }));

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
  checkCold: ['node', 'scripts/build/run-cli.mjs', 'check-exercise', 'fetch-user', SOLUTION],
  gradeStep: [
    'node',
    'scripts/build/run-cli.mjs',
    'grade',
    '--assignment',
    classroom.link,
    '--exercise',
    'fetch-user',
    '--require-full',
    '--format',
    'csv',
    classroom.submission,
  ],
} as const;
type Name = keyof typeof commands;

function timeOnce(name: Name): number {
  const [command, ...args] = commands[name];
  if (name === 'checkCold') rmSync(CHECK_LISTS_FOLDER, { recursive: true, force: true });
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
  metric(
    'cli.checkCold',
    '  no check list kept yet (a fresh CI machine)',
    'ms',
    samples.checkCold!,
    upTo(1000, '< 1000 ms'),
  ),
  metric(
    'cli.gradeStep',
    'grade --exercise fetch-user, one submission (a Classroom step)',
    'ms',
    samples.gradeStep!,
  ),
];
console.log(formatTable(metrics));
