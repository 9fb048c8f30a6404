import { describe, expect, it } from 'vitest';
import {
  buildSubmission,
  claimedResults,
  codeHash,
  emptyWork,
  uncheckedWork,
  duration,
  parseWork,
  submissionFileName,
  submissionProblem,
  timeLeftText,
} from './assignment-work.ts';
import { submissionSchema } from './submission.ts';
import { results, testAssignment } from './test-fixtures.ts';

const due = Date.parse(testAssignment.due);

describe('the assignment page’s saved work', () => {
  it('reads saved work, and starts empty from nothing or from a damaged entry', () => {
    expect(parseWork(null)).toEqual({ name: '', studentId: '', startedAt: null, checked: {} });
    expect(parseWork('{not json').name).toBe('');
    expect(parseWork(JSON.stringify({ name: 'Ada', studentId: 7 })).studentId).toBe('');
    expect(parseWork(JSON.stringify({ name: 'Ada' })).name).toBe('Ada');
  });

  it('says how long is left, and after the due time that work is late but still accepted', () => {
    expect(timeLeftText(testAssignment.due, due - 2 * 86_400_000 - 3 * 3_600_000 - 5)).toEqual({
      late: false,
      text: '2 days 3 hours left.',
    });
    expect(timeLeftText(testAssignment.due, due - 90_000).text).toBe('1 minute left.');
    const late = timeLeftText(testAssignment.due, due + 3_600_000);
    expect(late.late).toBe(true);
    expect(late.text).toMatch(/^Late: the due time passed 1 hour ago\. You can still hand in/);
    expect(duration(10_000)).toBe('less than a minute');
  });

  it('keeps only what the grader reads of a Check', () => {
    const claimed = claimedResults(results('alpha', ['pass', 'fail']));
    expect(claimed).toEqual({
      status: 'fail',
      score: 1,
      maxScore: 2,
      tests: [
        { name: 'check 1', status: 'pass', points: 1, maxPoints: 1 },
        { name: 'check 2', status: 'fail', points: 0, maxPoints: 1 },
      ],
    });
  });

  it('builds a valid submission: every assigned exercise, checked or not, late when past due', () => {
    const work = {
      name: ' Ada Lovelace ',
      studentId: '',
      startedAt: '2026-11-30T10:00:00.000Z',
      checked: {
        alpha: {
          results: claimedResults(results('alpha', ['pass'])),
          checkedAt: '2026-11-30T11:00:00.000Z',
        },
      },
    };
    expect(submissionProblem(work)).toBeNull();
    expect(submissionProblem({ ...work, name: '  ' })).toMatch(/Type your name/);
    const submission = buildSubmission(testAssignment, work, new Map([['alpha', 'export {}']]), {
      now: new Date(due + 60_000),
      siteVersion: '0.1.0',
    });
    expect(submissionSchema.safeParse(submission).success).toBe(true);
    expect(submission.student).toEqual({ name: 'Ada Lovelace' });
    expect(submission.late).toBe(true);
    expect(submission.exercises.map((e) => [e.id, e.code, e.results?.score ?? null])).toEqual([
      ['alpha', 'export {}', 1],
      ['beta', '', null],
    ]);
    expect(submissionFileName(testAssignment, work)).toBe('week-3-ada-lovelace.json');
  });

  it('finds the exercises left as the starter, and those not checked since their last change', () => {
    const starter = 'export async function f() {\n  // TODO\n}\n';
    const work = emptyWork();
    const claimed = claimedResults(results('a', ['pass']));
    const at = '2026-12-01T10:00:00Z';
    work.checked = {
      checked: { results: claimed, checkedAt: at, codeHash: codeHash('mine()') },
      edited: { results: claimed, checkedAt: at, codeHash: codeHash('mine()') },
      old: { results: claimed, checkedAt: at },
    };
    const exercises = [
      { id: 'untouched', code: `${starter.replace(/\n/g, '  \r\n')}\n`, starter },
      { id: 'checked', code: 'mine()  \n', starter },
      { id: 'edited', code: 'mine(); more()', starter },
      { id: 'never', code: 'mine()', starter },
      { id: 'old', code: 'anything', starter },
    ];
    expect(uncheckedWork(work, exercises)).toEqual({
      unchanged: ['untouched'],
      unchecked: ['edited', 'never'],
    });
  });
});
