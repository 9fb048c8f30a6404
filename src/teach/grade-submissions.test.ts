import { describe, expect, it } from 'vitest';
import type { Results } from '../checker/judge.ts';
import { claimedResults } from './assignment-work.ts';
import { catalogById } from './catalog.ts';
import { claimDiffers, gradeSubmissions, type JudgeExercise } from './grade-submissions.ts';
import { fp, results, submissionFor, testAssignment, testCatalogEntry } from './test-fixtures.ts';

const catalog = catalogById([
  testCatalogEntry('alpha', fp('a'), 4),
  testCatalogEntry('beta', fp('b'), 3),
]);

/** A judge that reads the verdicts from the code: `pass,fail,pass // any comment` → three checks. */
const verdictJudge: JudgeExercise = async (code, exercise) =>
  results(exercise.id, code.split('//')[0]!.trim().split(',') as ('pass' | 'fail' | 'error')[]);

const submission = (name: string, alpha: string, beta: string, extra = {}) => ({
  file: `${name}.json`,
  submission: submissionFor(name, { code: { alpha, beta }, ...extra }),
});

describe('grading engine', () => {
  it('partial credit per check, scaled to the assigned points; total, late and flags', async () => {
    const report = await gradeSubmissions({
      assignment: testAssignment,
      catalog,
      judge: verdictJudge,
      submissions: [
        submission('ada', 'pass,pass,pass,fail', 'pass,fail,pass'),
        submission('bob', 'fail,fail', 'pass,pass,pass', { submittedAt: '2026-12-02T09:00:00Z' }),
      ],
    });
    expect(report.stopped).toBe(false);
    const [ada, bob] = report.students;
    // alpha is worth 10 (3 of 4 checks → 7.5); beta keeps its checks' points (2 of 3).
    expect(ada!.exercises.map((e) => [e.points, e.maxPoints])).toEqual([
      [7.5, 10],
      [2, 3],
    ]);
    expect(ada).toMatchObject({ total: 9.5, maxTotal: 13, claimedLate: false, flags: [] });
    expect(bob).toMatchObject({ total: 3, claimedLate: true, flags: ['claimed-late'] });
  });

  it('flags results the file claims that the re-run does not reproduce', async () => {
    const claimedFull = {
      alpha: claimedResults(results('alpha', ['pass', 'pass'])),
      beta: claimedResults(results('beta', ['pass'])),
    };
    const report = await gradeSubmissions({
      assignment: testAssignment,
      catalog,
      judge: verdictJudge,
      submissions: [
        submission('honest', 'pass,pass', 'pass', { claimed: claimedFull }),
        submission('forger', 'fail,fail', 'pass', { claimed: claimedFull }),
      ],
    });
    expect(report.students[0]!.flags).toEqual([]);
    expect(report.students[1]!.flags).toEqual(['claimed-differs']);
    expect(report.students[1]!.exercises.map((e) => e.claimedDiffers)).toEqual([true, false]);
    expect(report.students[1]!.total).toBe(1);
  });

  it('claimDiffers compares score, status and each check verdict', () => {
    const rerun = results('alpha', ['pass', 'fail']);
    expect(claimDiffers(null, rerun)).toBe(false);
    expect(claimDiffers(results('alpha', ['pass', 'fail']), rerun)).toBe(false);
    expect(claimDiffers(results('alpha', ['fail', 'pass']), rerun)).toBe(true);
    expect(claimDiffers(results('alpha', ['pass', 'pass']), rerun)).toBe(true);
  });

  it('an exercise without code scores 0 and is flagged; a judge that throws costs that exercise only', async () => {
    const judge: JudgeExercise = async (code, exercise, context) => {
      if (code === 'explode') throw new Error('child process died');
      return verdictJudge(code, exercise, context);
    };
    const report = await gradeSubmissions({
      assignment: testAssignment,
      catalog,
      judge,
      submissions: [
        { file: 'x.json', submission: submissionFor('x', { code: { alpha: 'explode' } }) },
      ],
    });
    const [student] = report.students;
    expect(student!.flags).toEqual(['not-submitted', 'not-judged']);
    expect(student!.exercises[0]!.results?.message).toContain('child process died');
    expect(student!.exercises[1]).toMatchObject({ points: 0, maxPoints: 3, code: null });
  });

  it('judges identical code for the same exercise once per batch', async () => {
    const calls: string[] = [];
    const judge: JudgeExercise = async (code, exercise, context) => {
      calls.push(`${exercise.id}:${code}`);
      return verdictJudge(code, exercise, context);
    };
    const report = await gradeSubmissions({
      assignment: testAssignment,
      catalog,
      judge,
      concurrency: 2,
      submissions: [
        submission('a', 'pass,fail', 'pass'),
        submission('b', 'pass,fail', 'pass'),
        submission('c', 'pass,pass', 'pass'),
      ],
    });
    expect(calls.sort()).toEqual(['alpha:pass,fail', 'alpha:pass,pass', 'beta:pass']);
    expect(report.students.map((student) => student.total)).toEqual([6, 6, 11]);
  });

  it('runs at most `concurrency` exercises at once and reports progress', async () => {
    let running = 0;
    let peak = 0;
    const lanes = new Set<number>();
    const lastOfLane: number[] = [];
    const judge: JudgeExercise = async (code, exercise, context) => {
      running++;
      peak = Math.max(peak, running);
      lanes.add(context.lane);
      if (context.last) lastOfLane.push(context.lane);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return verdictJudge(code, exercise, context);
    };
    const progress: string[] = [];
    await gradeSubmissions({
      assignment: testAssignment,
      catalog,
      judge,
      concurrency: 3,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
      submissions: Array.from({ length: 5 }, (_, i) =>
        submission(`s${i}`, `pass // s${i}`, `pass // s${i}`),
      ),
    });
    expect(peak).toBe(3);
    expect([...lanes].sort()).toEqual([0, 1, 2]);
    // Only the exercise taken last is marked last: no task comes after it, in any lane.
    expect(lastOfLane).toHaveLength(1);
    expect(progress).toEqual(['0/10', ...Array.from({ length: 10 }, (_, i) => `${i + 1}/10`)]);
  });

  it('Stop aborts the running exercises and starts no more; unfinished students are left out', async () => {
    const controller = new AbortController();
    let started = 0;
    const judge: JudgeExercise = (code, exercise, { signal }) => {
      started++;
      if (started === 3) controller.abort();
      return new Promise<Results>((resolve) => {
        if (started <= 2) return resolve(results(exercise.id, ['pass']));
        const stopped = () => resolve(results(exercise.id, ['error']));
        if (signal.aborted) stopped();
        else signal.addEventListener('abort', stopped);
      });
    };
    const report = await gradeSubmissions({
      assignment: testAssignment,
      catalog,
      judge,
      concurrency: 1,
      signal: controller.signal,
      submissions: ['a', 'b', 'c'].map((name) =>
        submission(name, `pass // ${name}`, `pass // ${name}`),
      ),
    });
    expect(report.stopped).toBe(true);
    expect(started).toBe(3);
    expect(report.students.map((student) => student.name)).toEqual(['a']);
  });
});
