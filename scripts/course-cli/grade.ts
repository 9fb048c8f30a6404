/**
 * `npm run grade -- --assignment <link> <files or folders…> [options]` re-grades submission files in
 * Node with the site's own checks and runtime (the same judge and numbers as /teach/grade/). Student
 * code runs in child processes under Node's permission model (src/runner/node/node-host.ts).
 *
 * Options: --format csv|json|gradescope (default csv), --preset full|canvas|moodle (CSV headers),
 * --out FILE (default stdout), --summary FILE (the class overview as CSV), --concurrency N (default 2), --exercise ID (repeatable: grade only
 * these), --require-full, --accept-changed-checks, --time-limit-ms N (per check, default 5000).
 *
 * Exit codes: 0 every file graded · 1 graded, but some file was refused (see stderr) · 2 usage error,
 * bad link, nothing to grade, or checks changed since the link was made · 3 --require-full and some
 * student is short of full points · 130 stopped with Ctrl-C (nothing written).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeAssignmentLink, type Assignment } from '../../src/teach/assignment-link.ts';
import { catalogById, checksProblems } from '../../src/teach/catalog.ts';
import { summaryCsv } from '../../src/teach/class-overview-csv.ts';
import { classOverview } from '../../src/teach/class-overview.ts';
import { gradeSubmissions, type GradeReport } from '../../src/teach/grade-submissions.ts';
import {
  CSV_BOM,
  CSV_PRESETS,
  gradesCsv,
  missingIdWarning,
  type CsvPreset,
} from '../../src/teach/grades-csv.ts';
import {
  gradescopeRefusal,
  gradescopeResults,
  gradescopeSetupProblem,
} from '../../src/teach/gradescope-results.ts';
import { loadCatalog } from '../../src/teach/node/exercise-catalog.ts';
import { createNodeJudge } from '../../src/teach/node/node-judge.ts';
import { readSubmissionFiles, type SubmissionFile } from '../../src/teach/submission-files.ts';
import { maxSubmissionBytes } from '../../src/teach/submission.ts';
import { defineCli, parseCli, usageError, userPath } from './cli-args.ts';

const FORMATS = ['csv', 'json', 'gradescope'] as const;
type Format = (typeof FORMATS)[number];

export const EXIT = { ok: 0, refused: 1, usage: 2, notFull: 3, stopped: 130 } as const;

export const GRADE_CLI = defineCli({
  name: 'grade',
  usage: '--assignment <link> <files or folders…> [options]',
  summary:
    "Re-grades submission files with the course's own checks (the same numbers as the Grade page) and prints the grades.",
  allowPositionals: true,
  options: {
    assignment: { type: 'string' },
    format: { type: 'string', default: 'csv' },
    preset: { type: 'string', default: 'full' },
    column: { type: 'string' },
    out: { type: 'string' },
    summary: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    exercise: { type: 'string', multiple: true },
    'require-full': { type: 'boolean', default: false },
    'accept-changed-checks': { type: 'boolean', default: false },
    'time-limit-ms': { type: 'string' },
  },
  optionHelp: {
    assignment: 'The assignment link (required).',
    format: "csv, json or gradescope (one student's results.json). (default csv)",
    preset: 'CSV columns: full, canvas or moodle. (default full)',
    column:
      'The grade column\'s header for canvas/moodle (default: the assignment title). Canvas fills an existing assignment only when this is its "Title (id)" from Canvas\'s own export.',
    out: 'Write to this file instead of stdout.',
    summary:
      "Also write the class overview (score distribution, each check's pass rate, frequent mistakes, not attempted) as CSV to this file. The json format carries it as `overview`.",
    concurrency: 'Exercises judged at the same time, 1 to 16. (default 2)',
    exercise: 'Grade only this exercise (repeat for more).',
    'require-full': 'Exit 3 unless every student has full points.',
    'accept-changed-checks': 'Grade even when the checks changed since the link was made.',
    'time-limit-ms': 'Real time one check may run, at least 100. (default 5000)',
  },
  exitCodes: {
    [EXIT.ok]: 'every file graded',
    [EXIT.refused]: 'graded, but some file was refused (stderr says why)',
    [EXIT.usage]:
      'usage error, bad link, nothing to grade, or checks changed since the link was made',
    [EXIT.notFull]: '--require-full and some student is short of full points',
    [EXIT.stopped]: 'stopped with Ctrl-C (nothing written)',
  },
});

/** Every .json file under the given paths (folders recursively), in a stable order. */
function collectFiles(paths: string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const child = join(path, name);
        if (statSync(child).isDirectory() || name.endsWith('.json')) walk(child);
      }
    } else found.push(path);
  };
  for (const path of paths) walk(path);
  return found;
}

function readFile(path: string): SubmissionFile {
  const size = statSync(path).size;
  // An oversized file is refused by its size; reading it whole is not needed.
  return { name: path, size, text: size > maxSubmissionBytes ? '' : readFileSync(path, 'utf8') };
}

function progressReporter(): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (done, total) => {
    const line = `Grading: ${done} of ${total} exercises re-run`;
    if (tty) {
      process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      process.stderr.write(`${line}\n`);
    }
  };
}

export interface GradeCliResult {
  code: number;
  output?: string;
}

export async function runGradeCli(args: string[], signal?: AbortSignal): Promise<GradeCliResult> {
  const parsed = parseCli(GRADE_CLI, args);
  if ('exit' in parsed) return { code: parsed.exit };
  const { values } = parsed.args;
  const positionals = parsed.args.positionals.map(userPath);
  const format = values.format as Format;
  const preset = values.preset as CsvPreset;
  const concurrency = Number(values.concurrency);
  const timeLimitMs =
    values['time-limit-ms'] === undefined ? undefined : Number(values['time-limit-ms']);
  const usage = (why: string): GradeCliResult => ({ code: usageError(GRADE_CLI, why) });
  if (!values.assignment) return usage('Give the assignment link with --assignment "<link>".');
  if (positionals.length === 0) return usage('Name the submission files or folders to grade.');
  if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(', ')}.`);
  if (!CSV_PRESETS.includes(preset))
    return usage(`--preset must be one of ${CSV_PRESETS.join(', ')}.`);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    return usage('--concurrency must be a whole number from 1 to 16.');
  if (timeLimitMs !== undefined && !(timeLimitMs >= 100))
    return usage('--time-limit-ms must be a number of milliseconds, at least 100.');

  // In Gradescope, whatever stops grading still owes the student a results.json saying whose
  // problem it is: a setup problem is the teacher's, never the student's.
  const emit = (code: number, output: string): GradeCliResult => {
    if (!values.out) return { code, output };
    writeFileSync(userPath(values.out), `${output}\n`);
    return { code };
  };
  const setupProblem = (why: string): GradeCliResult => {
    console.error(why);
    if (format !== 'gradescope') return { code: EXIT.usage };
    return emit(EXIT.usage, JSON.stringify(gradescopeSetupProblem(why), null, 2));
  };

  const link = values.assignment.trim();
  if (!/#a=/.test(link)) {
    return setupProblem(
      `The assignment link is "${link.slice(0, 60)}", which is not a link to an assignment (one ends in #a=…). Paste the link the Assign page or \`npm run teach:link\` made${format === 'gradescope' ? ' into assignment-link.txt and rebuild the autograder' : ''}.`,
    );
  }
  const decoded = await decodeAssignmentLink(link);
  if (!decoded.ok) return setupProblem(decoded.message);
  let assignment: Assignment = decoded.assignment;
  if (values.exercise?.length) {
    const unknown = values.exercise.filter((id) => !assignment.exercises.some((e) => e.id === id));
    if (unknown.length) {
      return usage(
        `--exercise ${unknown.join(', ')}: not in this assignment (it has ${assignment.exercises.map((e) => e.id).join(', ')}).`,
      );
    }
    assignment = {
      ...assignment,
      exercises: assignment.exercises.filter((e) => values.exercise!.includes(e.id)),
    };
  }

  let paths: string[];
  try {
    paths = collectFiles(positionals);
  } catch (error) {
    return usage(
      `Cannot read ${(error as NodeJS.ErrnoException).path ?? 'a path'}: check it exists.`,
    );
  }

  const catalog = catalogById(await loadCatalog());
  const problems = checksProblems(assignment, catalog);
  const blocking = problems.filter(
    (problem) => problem.kind === 'missing' || !values['accept-changed-checks'],
  );
  for (const problem of problems.filter((p) => !blocking.includes(p)))
    console.error(problem.message);
  if (blocking.length > 0) {
    const changed = blocking.some((problem) => problem.kind === 'changed');
    return setupProblem(
      [
        ...blocking.map((problem) => problem.message),
        ...(changed
          ? ['Pass --accept-changed-checks to grade with the current checks anyway.']
          : []),
      ].join('\n'),
    );
  }

  const verdicts = readSubmissionFiles(paths.map(readFile), assignment);
  const refused = verdicts.filter((verdict) => !verdict.ok);
  for (const verdict of refused) console.error(verdict.message);
  const accepted = verdicts.flatMap((verdict) =>
    verdict.ok ? [{ file: verdict.file, submission: verdict.submission }] : [],
  );
  if (format === 'gradescope' && accepted.length > 1) {
    const names = accepted.map(({ file }) => basename(file)).join(', ');
    const why = `You uploaded ${accepted.length} submission files (${names}), and one student hands in one. Upload again with only one file: the .json that "Download submission" saved on the assignment page.`;
    console.error(why);
    return emit(EXIT.refused, JSON.stringify(gradescopeRefusal(why), null, 2));
  }

  const nodeJudge = createNodeJudge(timeLimitMs === undefined ? {} : { timeLimitMs });
  const started = performance.now();
  let report: GradeReport;
  try {
    report = await gradeSubmissions({
      assignment,
      catalog,
      submissions: accepted,
      judge: nodeJudge.judge,
      concurrency,
      onProgress: progressReporter(),
      ...(signal ? { signal } : {}),
    });
  } finally {
    nodeJudge.dispose();
  }
  if (report.stopped) {
    console.error('Stopped: nothing was written.');
    return { code: EXIT.stopped };
  }
  const seconds = (performance.now() - started) / 1000;
  const warned = new Set<string>();
  for (const student of report.students) {
    if (student.duplicates.length === 0 || warned.has(student.file)) continue;
    const files = [student.file, ...student.duplicates];
    for (const file of files) warned.add(file);
    console.error(
      `${files.join(' and ')} are the same student (${student.name}${student.studentId ? `, ID ${student.studentId}` : ''}): each is graded and flagged "duplicate". Their own times are the students' claims; check the upload times in your LMS, remove the file that should not count and grade again.`,
    );
  }

  // Computed once for both outputs: the figures the Grade page's "Class overview" shows.
  const overview = classOverview(report, catalog);
  if (values.summary)
    writeFileSync(userPath(values.summary), `${CSV_BOM}${summaryCsv(overview)}\n`);
  let output: string;
  switch (format) {
    case 'csv': {
      const warning = missingIdWarning(report, preset);
      if (warning) console.error(warning);
      // With a byte order mark, so Excel reads the names as UTF-8.
      output = `${CSV_BOM}${gradesCsv(report, preset, values.column ? { column: values.column } : {})}`;
      break;
    }
    case 'json':
      output = JSON.stringify(
        {
          ...report,
          refused: refused.map(({ file, message, ...rest }) => ({ file, message, ...rest })),
          overview,
        },
        null,
        2,
      );
      break;
    case 'gradescope': {
      const student = report.students[0];
      const results = student
        ? gradescopeResults(student, catalog, seconds)
        : gradescopeRefusal(
            refused.map((verdict) => verdict.message).join('\n') ||
              'No submission file was found. Upload the .json file that "Download submission" saves on the assignment page.',
          );
      output = JSON.stringify(results, null, 2);
      break;
    }
    default:
      throw new Error(`unknown format ${format satisfies never}`);
  }
  console.error(
    `Graded ${report.students.length} submission(s) in ${seconds.toFixed(1)} s; ${refused.length} file(s) refused.`,
  );
  const short = report.students.some((student) => student.total < student.maxTotal);
  const code =
    refused.length > 0 ? EXIT.refused : values['require-full'] && short ? EXIT.notFull : EXIT.ok;
  return emit(code, output);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const result = await runGradeCli(process.argv.slice(2), controller.signal);
  if (result.output !== undefined) process.stdout.write(`${result.output}\n`);
  process.exitCode = result.code;
}
