/**
 * `npm run bench:grade [-- --runs 3 --submissions 30 --concurrency 2]`: grading 30 submissions of an
 * 8-exercise assignment along the CLI's path (readSubmissionFiles → gradeSubmissions → the Node judge,
 * a child process per run), reporting the median wall time and submissions per second.
 *
 * The course has fewer than 8 exercises so far: the bench makes up 8 by repeating the real ones under
 * numbered ids (fetch-user-1, timeout-get-json-1, …), each with the real compiled checks. A third of
 * the students hand in the starter (fails fast), the rest the reference solution (runs every check),
 * each copy with the student's own comment, so the engine's judging of identical code once per batch
 * does not flatter the numbers.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildAssignment } from '../src/teach/build-assignment.ts';
import { catalogById, type CatalogExercise } from '../src/teach/catalog.ts';
import { gradeSubmissions } from '../src/teach/grade-submissions.ts';
import { loadCatalog } from '../src/teach/node/exercise-catalog.ts';
import { createNodeJudge } from '../src/teach/node/node-judge.ts';
import { readSubmissionFiles } from '../src/teach/submission-files.ts';
import { createSubmission } from '../src/teach/submission.ts';
import { findExercises } from '../src/checker/exercises.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    submissions: { type: 'string', default: '30' },
    exercises: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '2' },
  },
});
const runs = Number(values.runs);
const students = Number(values.submissions);
const exerciseCount = Number(values.exercises);
const concurrency = Number(values.concurrency);

const real = await loadCatalog();
const files = new Map(findExercises().map((exercise) => [exercise.id, exercise]));
const entries: CatalogExercise[] = Array.from({ length: exerciseCount }, (_, index) => {
  const base = real[index % real.length]!;
  return { ...base, id: `${base.id}-${Math.floor(index / real.length) + 1}` };
});
const catalog = catalogById(entries);
const assignment = buildAssignment(
  {
    title: 'Bench',
    dueLocal: '2030-01-01T00:00',
    timeZone: 'UTC',
    exercises: entries.map(({ id }) => ({ id })),
  },
  catalog,
);
const baseId = (id: string) => id.replace(/-\d+$/, '');
const submissionFiles = Array.from({ length: students }, (_, student) => {
  const starter = student % 3 === 0;
  const submission = createSubmission({
    assignment,
    student: { name: `Student ${student + 1}`, id: `s${student + 1}` },
    exercises: entries.map(({ id }) => {
      const source = files.get(baseId(id))!;
      const code = `${starter ? source.start : source.solution}\n// student ${student + 1}\n`;
      return { id, code, results: null, checkedAt: null };
    }),
    startedAt: null,
    siteVersion: 'bench',
  });
  return { name: `student-${student + 1}.json`, text: JSON.stringify(submission) };
});

console.log(
  `Grading ${students} submissions × ${exerciseCount} exercises (${real.map((e) => e.id).join(', ')} repeated), concurrency ${concurrency}, ${runs} run(s); ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}.`,
);
const times: number[] = [];
for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const verdicts = readSubmissionFiles(submissionFiles, assignment);
  const accepted = verdicts.flatMap((v) =>
    v.ok ? [{ file: v.file, submission: v.submission }] : [],
  );
  const judge = createNodeJudge();
  let report;
  try {
    report = await gradeSubmissions({
      assignment,
      catalog,
      submissions: accepted,
      judge: judge.judge,
      concurrency,
    });
  } finally {
    judge.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  times.push(seconds);
  const perfect = report.students.filter((s) => s.total === s.maxTotal).length;
  console.log(
    `run ${run}: ${seconds.toFixed(1)} s, ${report.students.length} graded (${perfect} with full points), load average ${loadavg()[0]!.toFixed(1)}`,
  );
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(
  `median wall time ${median.toFixed(1)} s; ${(students / median).toFixed(2)} submissions/s; ${((students * exerciseCount) / median).toFixed(1)} exercises/s`,
);
