/**
 * The grading engine: re-runs every exercise of every accepted submission with the site's own checks
 * through the judge (src/checker/judge.ts), a few at a time, and turns the verdicts into points.
 * Environment-free: the caller passes the judge (a sandbox worker in the page, a child process per
 * run in Node), so the page and the CLI give the same numbers.
 */
import type { Results } from '../checker/judge.ts';
import type { Assignment } from './assignment-link.ts';
import type { Catalog, CatalogExercise } from './catalog.ts';
import { isLate } from './due-date.ts';
import { fingerprintCode } from './fingerprint.ts';
import { studentKey } from './submission-files.ts';
import type { ClaimedResults, Submission } from './submission.ts';

/**
 * Judges one exercise; `lane` (0 … concurrency-1) lets a host keep one runner per lane, and `last`
 * marks the batch's final exercise: nothing is judged after it in its lane, so that lane's runner need
 * boot no spare beyond its checks (one exercise graded alone, as a Classroom step does). Every check
 * runs in a sandbox of its own (judge.ts), so nothing one student's code leaves can reach another's.
 */
export type JudgeExercise = (
  code: string,
  exercise: CatalogExercise,
  context: { signal: AbortSignal; lane: number; last: boolean },
) => Promise<Results>;

export interface GradeOptions {
  assignment: Assignment;
  catalog: Catalog;
  /** Accepted submissions (submission-files.ts), with the file each came from. */
  submissions: { file: string; submission: Submission }[];
  judge: JudgeExercise;
  /**
   * Exercises judged at the same time.
   * @default 2
   */
  concurrency?: number;
  /** Called after each exercise is judged. */
  onProgress?: (done: number, total: number) => void;
  /** Stop: no new exercise starts and the running ones end at once. */
  signal?: AbortSignal;
}

/**
 * - `claimed-late`: the file's own time (the student's clock) is after the due date.
 * - `claimed-differs`: the file claims results the re-run did not reproduce.
 * - `not-submitted`: some exercise has no code in the file.
 * - `not-attempted`: some exercise is the untouched starter code (an honest failure looks the same).
 * - `not-judged`: the grader could not run some exercise.
 * - `duplicate`: another file of this batch is the same student (same ID, or same name without
 *   one): both are graded and shown, and the teacher chooses.
 */
export const GRADE_FLAGS = [
  'claimed-late',
  'claimed-differs',
  'not-submitted',
  'not-attempted',
  'not-judged',
  'duplicate',
] as const;
export type GradeFlag = (typeof GRADE_FLAGS)[number];

export interface ExerciseGrade {
  id: string;
  /** Points after scaling to the assignment's points for this exercise, rounded to 2 decimals. */
  points: number;
  maxPoints: number;
  /** The re-run (the grade), or null when the student handed in no code for it. */
  results: Results | null;
  claimed: ClaimedResults | null;
  /** The file claims results that the re-run did not reproduce. */
  claimedDiffers: boolean;
  /** The code is the exercise's starter, unchanged (normalizeCode): handed in, never attempted. */
  notAttempted: boolean;
  code: string | null;
}

export interface StudentGrade {
  file: string;
  name: string;
  studentId: string | null;
  exercises: ExerciseGrade[];
  total: number;
  maxTotal: number;
  /** The student's claim: the file's own time is after the due date (never proof either way). */
  claimedLate: boolean;
  flags: GradeFlag[];
  /** The student's claim: when the file was saved, by their own clock. */
  claimedSubmittedAt: string;
  /** The other files in this batch from the same student (empty when none). */
  duplicates: string[];
}

export interface GradeReport {
  assignment: Assignment;
  students: StudentGrade[];
  /** Stop was pressed: only finished students are listed. */
  stopped: boolean;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Points for one exercise: the re-run's share of its checks, scaled to the assigned points. */
export function exercisePoints(
  results: Results | null,
  assignedPoints: number | undefined,
  catalogMax: number,
): { points: number; maxPoints: number } {
  const maxPoints = assignedPoints ?? catalogMax;
  if (!results || results.maxScore === 0) return { points: 0, maxPoints };
  const points =
    assignedPoints === undefined
      ? results.score
      : (results.score / results.maxScore) * assignedPoints;
  return { points: round2(points), maxPoints };
}

/** Whether the claimed results say something the re-run does not: another score or verdict. */
export function claimDiffers(claimed: ClaimedResults | null, rerun: Results | null): boolean {
  if (!claimed) return false;
  if (!rerun) return claimed.score > 0;
  if (claimed.score !== rerun.score || claimed.status !== rerun.status) return true;
  const verdicts = new Map(rerun.tests.map((test) => [test.name, test.status]));
  return claimed.tests.some((test) => verdicts.get(test.name) !== test.status);
}

interface Task {
  student: number;
  exercise: number;
  code: string;
  catalog: CatalogExercise;
}

export async function gradeSubmissions(options: GradeOptions): Promise<GradeReport> {
  const { assignment, catalog } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const controller = new AbortController();
  const outer = options.signal;
  const abort = () => controller.abort();
  if (outer?.aborted) abort();
  else outer?.addEventListener('abort', abort, { once: true });

  const results: (Results | null)[][] = options.submissions.map(() =>
    assignment.exercises.map(() => null),
  );
  const tasks: Task[] = [];
  options.submissions.forEach(({ submission }, student) => {
    assignment.exercises.forEach((assigned, exercise) => {
      const handedIn = submission.exercises.find((item) => item.id === assigned.id);
      const entry = catalog.get(assigned.id);
      if (handedIn && entry) tasks.push({ student, exercise, code: handedIn.code, catalog: entry });
    });
  });
  const unfinished = new Set(tasks.map((task) => task.student));
  const pending = new Map<number, number>();
  for (const task of tasks) pending.set(task.student, (pending.get(task.student) ?? 0) + 1);

  // Identical code for the same checks is judged once per batch: untouched starter code, handed in by
  // many students, is the common case. The verdict depends on nothing else: every check of it ran in
  // a sandbox of its own (no earlier run could have touched it), on a seeded mock API and a virtual
  // clock.
  const judged = new Map<string, Promise<Results>>();
  const judgeOnce = (task: Task, lane: number, last: boolean): Promise<Results> => {
    const key = `${task.catalog.id}\n${task.catalog.fingerprint}\n${task.code}`;
    let result = judged.get(key);
    if (!result) {
      result = options
        .judge(task.code, task.catalog, { signal: controller.signal, lane, last })
        .catch((error: unknown): Results => ({
          // A host failure (not the student's code) costs this exercise, not the batch.
          version: 1,
          exercise: task.catalog.id,
          status: 'error',
          message: `The grader could not run this exercise: ${error instanceof Error ? error.message : String(error)}`,
          score: 0,
          maxScore: 0,
          tests: [],
        }));
      judged.set(key, result);
    }
    return result;
  };
  let next = 0;
  let done = 0;
  options.onProgress?.(0, tasks.length);
  const lane = async (index: number) => {
    while (!controller.signal.aborted && next < tasks.length) {
      const task = tasks[next++]!;
      const result = await judgeOnce(task, index, next >= tasks.length);
      if (controller.signal.aborted) return;
      results[task.student]![task.exercise] = result;
      const left = pending.get(task.student)! - 1;
      pending.set(task.student, left);
      if (left === 0) unfinished.delete(task.student);
      options.onProgress?.(++done, tasks.length);
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, tasks.length) }, (_, i) => lane(i)),
    );
  } finally {
    outer?.removeEventListener('abort', abort);
  }
  const stopped = controller.signal.aborted;

  // Which handed-in code is the untouched starter, per student and exercise.
  const untouched = await Promise.all(
    options.submissions.map(({ submission }) =>
      Promise.all(
        assignment.exercises.map(async (assigned) => {
          const code = submission.exercises.find((item) => item.id === assigned.id)?.code;
          const starter = catalog.get(assigned.id)?.starterFingerprint;
          return !!code && starter === (await fingerprintCode(code));
        }),
      ),
    ),
  );
  const students: StudentGrade[] = [];
  const filesByStudent = new Map<string, string[]>();
  for (const { file, submission } of options.submissions) {
    const key = studentKey(submission);
    filesByStudent.set(key, [...(filesByStudent.get(key) ?? []), file]);
  }
  options.submissions.forEach(({ file, submission }, student) => {
    if (stopped && unfinished.has(student)) return;
    const exercises = assignment.exercises.map((assigned, index): ExerciseGrade => {
      const handedIn = submission.exercises.find((item) => item.id === assigned.id) ?? null;
      const rerun = results[student]![index]!;
      const { points, maxPoints } = exercisePoints(
        rerun,
        assigned.points,
        catalog.get(assigned.id)?.maxPoints ?? 0,
      );
      const claimed = handedIn?.results ?? null;
      return {
        id: assigned.id,
        points,
        maxPoints,
        results: rerun,
        claimed,
        claimedDiffers: claimDiffers(claimed, rerun),
        notAttempted: untouched[student]![index]!,
        code: handedIn?.code ?? null,
      };
    });
    const claimedLate = isLate(submission.submittedAt, assignment.due);
    const duplicates = filesByStudent
      .get(studentKey(submission))!
      .filter((other) => other !== file);
    const flags: GradeFlag[] = [];
    if (claimedLate) flags.push('claimed-late');
    if (exercises.some((item) => item.claimedDiffers)) flags.push('claimed-differs');
    if (exercises.some((item) => item.code === null)) flags.push('not-submitted');
    if (exercises.some((item) => item.notAttempted)) flags.push('not-attempted');
    if (exercises.some((item) => item.results?.status === 'error')) flags.push('not-judged');
    if (duplicates.length > 0) flags.push('duplicate');
    students.push({
      file,
      name: submission.student.name,
      studentId: submission.student.id ?? null,
      exercises,
      total: round2(exercises.reduce((sum, item) => sum + item.points, 0)),
      maxTotal: round2(exercises.reduce((sum, item) => sum + item.maxPoints, 0)),
      claimedLate,
      flags,
      claimedSubmittedAt: submission.submittedAt,
      duplicates,
    });
  });
  return { assignment, students, stopped };
}

/**
 * The report with one file kept for a student who handed in several: the other files' rows go, and
 * the kept row is no longer flagged as a duplicate. The teacher's choice (the Grade page's "Keep this
 * file"); nothing is resolved without it.
 */
export function keepFile(report: GradeReport, file: string): GradeReport {
  const kept = report.students.find((student) => student.file === file);
  if (!kept || kept.duplicates.length === 0) return report;
  const dropped = new Set(kept.duplicates);
  return {
    ...report,
    students: report.students
      .filter((student) => !dropped.has(student.file))
      .map((student) =>
        student === kept
          ? { ...kept, duplicates: [], flags: kept.flags.filter((flag) => flag !== 'duplicate') }
          : student,
      ),
  };
}
