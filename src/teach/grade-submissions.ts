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
import type { ClaimedResults, Submission } from './submission.ts';

/**
 * Judges one exercise; `lane` (0 … concurrency-1) lets a host keep one runner per lane. Every check
 * runs in a sandbox of its own (judge.ts), so nothing one student's code leaves can reach another's.
 */
export type JudgeExercise = (
  code: string,
  exercise: CatalogExercise,
  context: { signal: AbortSignal; lane: number },
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

export type GradeFlag = 'late' | 'claimed-differs' | 'not-submitted' | 'not-judged';

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
  code: string | null;
}

export interface StudentGrade {
  file: string;
  name: string;
  studentId: string | null;
  exercises: ExerciseGrade[];
  total: number;
  maxTotal: number;
  late: boolean;
  flags: GradeFlag[];
  submittedAt: string;
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
  const judgeOnce = (task: Task, lane: number): Promise<Results> => {
    const key = `${task.catalog.id}\n${task.catalog.fingerprint}\n${task.code}`;
    let result = judged.get(key);
    if (!result) {
      result = options
        .judge(task.code, task.catalog, { signal: controller.signal, lane })
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
      const result = await judgeOnce(task, index);
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

  const students: StudentGrade[] = [];
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
        code: handedIn?.code ?? null,
      };
    });
    const late = isLate(submission.submittedAt, assignment.due);
    const flags: GradeFlag[] = [];
    if (late) flags.push('late');
    if (exercises.some((item) => item.claimedDiffers)) flags.push('claimed-differs');
    if (exercises.some((item) => item.code === null)) flags.push('not-submitted');
    if (exercises.some((item) => item.results?.status === 'error')) flags.push('not-judged');
    students.push({
      file,
      name: submission.student.name,
      studentId: submission.student.id ?? null,
      exercises,
      total: round2(exercises.reduce((sum, item) => sum + item.points, 0)),
      maxTotal: round2(exercises.reduce((sum, item) => sum + item.maxPoints, 0)),
      late,
      flags,
      submittedAt: submission.submittedAt,
    });
  });
  return { assignment, students, stopped };
}
