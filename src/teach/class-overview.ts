/**
 * The class at a glance, from a grade report alone: the score distribution, each check's pass rate,
 * the mistakes the network traces show most often (src/checker/trace-feedback.ts), and who did not
 * attempt or hand in an exercise, each figure with the students behind it. Pure, so the Grade page
 * and `npm run grade -- --format json` show the same figures by construction.
 *
 * What counts:
 * - Every graded file counts once, as in the Grades table and the CSV: two files of one student are
 *   both counted (and listed in `duplicates`) until the teacher keeps one; refused files were never
 *   graded and are not counted.
 * - Pass rates and mistakes are over the students who attempted the exercise: code handed in and
 *   not the untouched starter. A starter fails by design, so counting it would hide which check the
 *   students who tried found hard; the not-attempted and not-handed-in students are listed apart.
 *   Attempted code that never got a verdict (it does not compile, or the grader could not run it)
 *   counts as not passing every check, and is listed in `noVerdict`.
 */
import { traceFeedback, type MistakeId } from '../checker/trace-feedback.ts';
import type { Catalog } from './catalog.ts';
import type { GradeReport, StudentGrade } from './grade-submissions.ts';

/** One graded file: `file` is unique in a report, so it is what a row link points at. */
export interface StudentRef {
  file: string;
  name: string;
}

export interface ScoreBucket {
  /** Share of the maximum total, in percent: `from` ≤ score < `to` (the last bucket is 100 alone). */
  from: number;
  to: number;
  /** E.g. `"50–59%"`, or `"100%"`. */
  label: string;
  students: StudentRef[];
}

export interface CheckOverview {
  name: string;
  /** The check's points in the catalog. */
  points: number;
  passed: StudentRef[];
  /** Attempted, and did not pass (failed, errored, or no verdict). */
  notPassed: StudentRef[];
  /** passed / attempted, rounded to 4 decimals; null when nobody attempted the exercise. */
  passRate: number | null;
}

export interface ExerciseOverview {
  id: string;
  title: string;
  attempted: StudentRef[];
  /** Handed in the untouched starter code. */
  notAttempted: StudentRef[];
  /** The file has no code for this exercise. */
  notHandedIn: StudentRef[];
  /** Attempted, but no check ran (the code does not compile, or the grader failed). */
  noVerdict: StudentRef[];
  checks: CheckOverview[];
}

export interface MistakeOverview {
  id: MistakeId;
  /** A few words naming the mistake, e.g. "Retried a client error". */
  summary: string;
  exercise: string;
  /** The checks it was found in, in the exercise's order. */
  checks: string[];
  /** The feedback message students saw most often for it (its wording names their request). */
  message: string;
  /** Each student once, however many checks showed it. */
  students: StudentRef[];
  /** How many attempted the exercise (the count to read `students` against). */
  outOf: number;
}

export interface ClassOverview {
  /** Graded files: one per row of the Grades table. */
  graded: number;
  /** Files flagged `duplicate`: each is counted until the teacher keeps one. */
  duplicates: StudentRef[];
  scores: {
    /** The assignment's maximum total. */
    maxTotal: number;
    /** Of the totals, rounded to 2 decimals; null with no files. */
    mean: number | null;
    median: number | null;
    buckets: ScoreBucket[];
  };
  exercises: ExerciseOverview[];
  /** Most students first. */
  mistakes: MistakeOverview[];
}

/** Short names of trace-feedback mistakes, for lists and the summary CSV. */
export const MISTAKE_SUMMARIES: Record<MistakeId, string> = {
  'no-signal': 'Request without a signal (the timeout never fired)',
  'retried-client-error': 'Retried a client error (4xx)',
  'retried-unretryable-status': 'Retried a status this exercise returns at once',
  'gave-up-on-network-failure': 'Gave up after one network failure',
  'left-request-open': 'Stopped waiting but left the request open',
  'ignored-retry-after': 'Ignored Retry-After',
  'no-backoff': 'Retried without backing off',
  'insecure-http': 'Used http:// instead of https://',
  'ignored-error-status': 'Ignored an error status',
  'parsed-error-page': 'Parsed an error page as JSON',
  'parsed-empty-body': 'Parsed an empty body as JSON',
  'not-modified-as-error': 'Treated a 304 Not Modified as an error',
  'plain-error': 'Threw a plain Error',
  'body-read-twice': 'Read a body twice',
  'no-authorization': 'Sent no Authorization header',
};

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

const ref = (student: StudentGrade): StudentRef => ({ file: student.file, name: student.name });

function scoreBuckets(students: StudentGrade[]): ScoreBucket[] {
  const buckets: ScoreBucket[] = Array.from({ length: 10 }, (_, tenth) => ({
    from: tenth * 10,
    to: tenth * 10 + 10,
    label: `${tenth * 10}–${tenth * 10 + 9}%`,
    students: [],
  }));
  buckets.push({ from: 100, to: 100, label: '100%', students: [] });
  for (const student of students) {
    // Rounded before the floor, so 0.3 × 10 lands in the 30s and not, by a float's error, the 20s.
    const tenths =
      student.maxTotal > 0 ? Math.floor(round((student.total / student.maxTotal) * 10, 6)) : 0;
    buckets[Math.min(10, Math.max(0, tenths))]!.students.push(ref(student));
  }
  return buckets;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]!
    : round((sorted[middle - 1]! + sorted[middle]!) / 2, 2);
}

export function classOverview(report: GradeReport, catalog: Catalog): ClassOverview {
  const { students } = report;
  const totals = students.map((student) => student.total);
  const mistakes = new Map<
    string,
    MistakeOverview & { messages: Map<string, number>; order: number }
  >();

  const exercises = report.assignment.exercises.map((assigned, index): ExerciseOverview => {
    const graded = students.map((student) => ({ student, grade: student.exercises[index]! }));
    const attempted = graded.filter(({ grade }) => grade.code !== null && !grade.notAttempted);
    // The catalog's list is the exercise's checks even when nobody got a verdict on them.
    const listed = catalog.get(assigned.id)?.checks ?? [];
    const names = [
      ...listed.map((check) => check.name),
      ...graded.flatMap(({ grade }) => grade.results?.tests.map((test) => test.name) ?? []),
    ].filter((name, at, all) => all.indexOf(name) === at);
    const checks = names.map((name): CheckOverview => {
      const passed = attempted.filter(({ grade }) =>
        grade.results?.tests.some((test) => test.name === name && test.status === 'pass'),
      );
      const points =
        listed.find((check) => check.name === name)?.points ??
        graded.flatMap(({ grade }) => grade.results?.tests ?? []).find((test) => test.name === name)
          ?.maxPoints ??
        0;
      return {
        name,
        points,
        passed: passed.map(({ student }) => ref(student)),
        notPassed: attempted
          .filter((entry) => !passed.includes(entry))
          .map(({ student }) => ref(student)),
        passRate: attempted.length ? round(passed.length / attempted.length, 4) : null,
      };
    });
    for (const { student, grade } of attempted) {
      for (const test of grade.results?.tests ?? []) {
        for (const feedback of traceFeedback(test)) {
          const key = `${assigned.id}\n${feedback.id}`;
          let entry = mistakes.get(key);
          if (!entry) {
            entry = {
              id: feedback.id,
              summary: MISTAKE_SUMMARIES[feedback.id],
              exercise: assigned.id,
              checks: [],
              message: '',
              students: [],
              outOf: attempted.length,
              messages: new Map(),
              order: mistakes.size,
            };
            mistakes.set(key, entry);
          }
          if (!entry.checks.includes(test.name)) {
            entry.checks.push(test.name);
            entry.checks.sort((a, b) => names.indexOf(a) - names.indexOf(b));
          }
          if (!entry.students.some((other) => other.file === student.file))
            entry.students.push(ref(student));
          entry.messages.set(feedback.message, (entry.messages.get(feedback.message) ?? 0) + 1);
        }
      }
    }
    return {
      id: assigned.id,
      title: catalog.get(assigned.id)?.title ?? assigned.id,
      attempted: attempted.map(({ student }) => ref(student)),
      notAttempted: graded
        .filter(({ grade }) => grade.notAttempted)
        .map(({ student }) => ref(student)),
      notHandedIn: graded
        .filter(({ grade }) => grade.code === null)
        .map(({ student }) => ref(student)),
      noVerdict: attempted
        .filter(({ grade }) => (grade.results?.tests.length ?? 0) === 0)
        .map(({ student }) => ref(student)),
      checks,
    };
  });

  return {
    graded: students.length,
    duplicates: students.filter((student) => student.duplicates.length > 0).map(ref),
    scores: {
      maxTotal: round(
        report.assignment.exercises.reduce(
          (sum, assigned) => sum + (assigned.points ?? catalog.get(assigned.id)?.maxPoints ?? 0),
          0,
        ),
        2,
      ),
      mean: totals.length
        ? round(totals.reduce((sum, total) => sum + total, 0) / totals.length, 2)
        : null,
      median: median(totals),
      buckets: scoreBuckets(students),
    },
    exercises,
    mistakes: [...mistakes.values()]
      .sort((a, b) => b.students.length - a.students.length || a.order - b.order)
      .map(({ messages, order: _, ...mistake }) => ({
        ...mistake,
        // The wording most students saw; the first seen on a tie (Map keeps insertion order).
        message: [...messages].reduce((best, next) => (next[1] > best[1] ? next : best))[0],
      })),
  };
}
