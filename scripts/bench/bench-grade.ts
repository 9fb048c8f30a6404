/**
 * `npm run bench:grade [-- --runs 3 --submissions 30 --where cli,browser --dir dist]`: grading 30
 * submissions of an 8-exercise assignment, in one run of this script:
 * - with the CLI's path (readSubmissionFiles → gradeSubmissions → the Node judge, a child process
 *   per sandbox), two exercises at a time as `npm run grade` does;
 * - in the browser, warm: the built site's /teach/grade/ page in Chromium, driven as a teacher
 *   drives it (paste the link, choose the files, press Grade, wait for the "Grades" table), after
 *   one small grading that boots the page's sandboxes.
 * It reports the median wall time and submissions per second of each (target: under 60 s each).
 *
 * The assignment holds eight real exercises from eight lessons. A third of the students hand in the
 * starter (fails fast), the rest the reference solution (runs every check), each copy with the
 * student's own comment, so judging identical code once per batch could not flatter the numbers.
 * Build the site first for the browser part (`npm run build`).
 */
import { cpus, loadavg } from 'node:os';
import { assignmentUrl, type Assignment } from '../../src/teach/assignment-link.ts';
import type { Catalog } from '../../src/teach/catalog.ts';
import { gradeSubmissions } from '../../src/teach/grade-submissions.ts';
import { createNodeJudge } from '../../src/teach/node/node-judge.ts';
import { readSubmissionFiles, type SubmissionFile } from '../../src/teach/submission-files.ts';
import { findExercises } from '../../src/checker/exercises.ts';
import { benchAssignment, benchSubmission } from './bench-assignment.ts';
import { freshPage, launchChromium } from './bench-browser.ts';
import { formatTable, log, median, metric, upTo, type Metric } from './bench-report.ts';
import { serveStatic } from '../build/serve-static.ts';
import { defineCli, parseCliOrExit } from '../course-cli/cli-args.ts';

const EXERCISES = [
  'timeout-get-json',
  'fetch-user',
  'retry-with-backoff',
  'send-json',
  'fetch-all-pages',
  'closable-session',
  'api-client',
  'fix-profile-loader',
];
/** The page grades two exercises at a time (src/components/teach/grade-page.ts); so does the CLI. */
const CONCURRENCY = 2;
/** A Grades row's cells after the student's name: Student ID, one per exercise, then Total. */
const TOTAL_COLUMN = EXERCISES.length + 1;

const { values } = parseCliOrExit(
  defineCli({
    name: 'bench:grade',
    usage: '[--runs 3] [--submissions 30] [--where cli,browser] [--dir dist] [--port 4397]',
    summary:
      "Benchmarks grading 30 submissions of an 8-exercise assignment with the CLI's path and on the built site's Grade page. Build first for the browser part.",
    options: {
      runs: { type: 'string', default: '3' },
      submissions: { type: 'string', default: '30' },
      where: { type: 'string', default: 'cli,browser' },
      dir: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '4397' },
    },
  }),
);
const runs = Number(values.runs);
const students = Number(values.submissions);
const where = values.where.split(',');

const { assignment, catalog } = await benchAssignment(EXERCISES);

function makeSubmissions(count: number): SubmissionFile[] {
  const sources = new Map(findExercises().map((exercise) => [exercise.id, exercise]));
  return Array.from({ length: count }, (_, student) => {
    const starter = student % 3 === 0;
    const text = benchSubmission(
      assignment,
      { name: `Student ${student + 1}`, id: `s${student + 1}` },
      (id) => {
        const source = sources.get(id)!;
        return `${starter ? source.start : source.solution}\n// student ${student + 1}\n`;
      },
    );
    return { name: `student-${student + 1}.json`, text };
  });
}

/** Full points for the solutions, fewer for the starters: the bench graded what it meant to. */
function expectPerfect(perfect: number): void {
  const solutions = students - Math.ceil(students / 3);
  if (perfect !== solutions) {
    throw new Error(`${perfect} students had full points; the ${solutions} solutions should.`);
  }
}

async function cliRun(files: SubmissionFile[], grading: Catalog, task: Assignment) {
  const accepted = readSubmissionFiles(files, task).flatMap((verdict) =>
    verdict.ok ? [{ file: verdict.file, submission: verdict.submission }] : [],
  );
  const judge = createNodeJudge();
  try {
    const report = await gradeSubmissions({
      assignment: task,
      catalog: grading,
      submissions: accepted,
      judge: judge.judge,
      concurrency: CONCURRENCY,
    });
    return report.students.filter((student) => student.total === student.maxTotal).length;
  } finally {
    judge.dispose();
  }
}

async function cliSamples(files: SubmissionFile[]): Promise<number[]> {
  const times: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const started = performance.now();
    const perfect = await cliRun(files, catalog, assignment);
    times.push((performance.now() - started) / 1000);
    expectPerfect(perfect);
    log(`CLI run ${run}: ${times.at(-1)!.toFixed(1)} s, load ${loadavg()[0]!.toFixed(1)}`);
  }
  return times;
}

async function browserSamples(files: SubmissionFile[]): Promise<number[]> {
  const port = Number(values.port);
  const server = await serveStatic(values.dir, port);
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    const { page } = await freshPage(browser);
    await page.goto(`http://127.0.0.1:${port}/teach/grade/`);
    await page
      .getByRole('textbox', { name: 'Assignment link' })
      .fill(await assignmentUrl(`http://127.0.0.1:${port}`, assignment));
    const status = page.getByRole('main').getByRole('status');
    const grade = async (batch: SubmissionFile[]) => {
      await page.getByLabel('Submissions').setInputFiles(
        batch.map((file) => ({
          name: file.name,
          mimeType: 'application/json',
          buffer: Buffer.from(file.text),
        })),
      );
      const total = batch.length * EXERCISES.length;
      const started = performance.now();
      const button = page.getByRole('button', { name: 'Grade', exact: true });
      await button.click();
      // Grade stays disabled while grading; the last run's table and count are still on the page.
      await page.waitForFunction(
        (element) => (element as HTMLButtonElement).disabled,
        await button.elementHandle(),
      );
      await status.getByText(`${total} of ${total} exercises graded`).waitFor({ timeout: 600_000 });
      const rows = page.getByRole('table', { name: 'Grades' }).getByRole('row');
      await rows.nth(batch.length).waitFor();
      const seconds = (performance.now() - started) / 1000;
      const perfect = await rows.evaluateAll(
        (list, column) =>
          list.filter((row) => {
            const [got, max] = (row.querySelectorAll('td')[column]?.textContent ?? '').split(' / ');
            return max !== undefined && got === max;
          }).length,
        TOTAL_COLUMN,
      );
      return { seconds, perfect };
    };
    // Warm: the first grading boots the page's sandboxes and loads the exercise catalog.
    await grade(files.slice(0, 2));
    for (let run = 1; run <= runs; run++) {
      const { seconds, perfect } = await grade(files);
      times.push(seconds);
      expectPerfect(perfect);
      log(`browser run ${run}: ${seconds.toFixed(1)} s, load ${loadavg()[0]!.toFixed(1)}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return times;
}

log(
  `grading ${students} submissions × ${EXERCISES.length} exercises (${EXERCISES.join(', ')}), ${runs} run(s) each; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`,
);
const files = makeSubmissions(students);
const metrics: Metric[] = [];
const report = (id: string, label: string, seconds: number[]) => {
  metrics.push(
    metric(
      `${id}.wall`,
      label,
      'ms',
      seconds.map((s) => s * 1000),
      upTo(60_000, '< 60 s'),
    ),
  );
  const rate = students / median(seconds);
  console.log(`${label}: ${rate.toFixed(2)} submissions/s`);
};
if (where.includes('browser'))
  report('browser', `Browser, warm: ${students} submissions`, await browserSamples(files));
if (where.includes('cli')) report('cli', `CLI: ${students} submissions`, await cliSamples(files));
console.log(formatTable(metrics));
console.log(
  `Machine load average at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`,
);
