/**
 * The class overview (class-overview.ts) as one CSV table, for a spreadsheet: a row per figure, and
 * in every row `Count` is the number of students named in `Students`, read against `Out of`.
 * - `score`: Item is the bucket ("50–59%"), Out of the files graded.
 * - `check`: Item is the check's name; Count and Students are those who attempted the exercise and
 *   did not pass it, Out of those who attempted it, Pass rate (%) the share that passed.
 * - `not-attempted`, `not-handed-in`, `no-verdict`: per exercise, Out of the files graded.
 * - `mistake`: Item is the mistake's id (trace-feedback.ts), Message its summary and the feedback
 *   most students saw; Out of those who attempted the exercise.
 * Names go through the same formula neutralising as the grades CSV.
 */
import type { ClassOverview, StudentRef } from './class-overview.ts';
import { csvText, type Cell } from './grades-csv.ts';

export const SUMMARY_CSV_HEADER = [
  'Kind',
  'Exercise',
  'Item',
  'Count',
  'Out of',
  'Pass rate (%)',
  'Students',
  'Message',
] as const;

const names = (students: StudentRef[]) => students.map((student) => student.name).join('; ');

export function summaryCsv(overview: ClassOverview): string {
  const rows: Cell[][] = [];
  const row = (
    kind: string,
    exercise: string,
    item: string,
    students: StudentRef[],
    outOf: number,
    passRate: number | null = null,
    message = '',
  ) =>
    rows.push([
      kind,
      exercise,
      item,
      students.length,
      outOf,
      passRate === null ? '' : Math.round(passRate * 1000) / 10,
      names(students),
      message,
    ]);

  for (const bucket of overview.scores.buckets) {
    row('score', '', bucket.label, bucket.students, overview.graded);
  }
  for (const exercise of overview.exercises) {
    for (const check of exercise.checks) {
      row(
        'check',
        exercise.id,
        check.name,
        check.notPassed,
        exercise.attempted.length,
        check.passRate,
      );
    }
    row('not-attempted', exercise.id, '', exercise.notAttempted, overview.graded);
    row('not-handed-in', exercise.id, '', exercise.notHandedIn, overview.graded);
    row('no-verdict', exercise.id, '', exercise.noVerdict, overview.graded);
  }
  for (const mistake of overview.mistakes) {
    row(
      'mistake',
      mistake.exercise,
      mistake.id,
      mistake.students,
      mistake.outOf,
      null,
      `${mistake.summary}: ${mistake.message}`,
    );
  }
  return csvText([...SUMMARY_CSV_HEADER], rows);
}
