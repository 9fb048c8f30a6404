/** The exercise view's pure parts: the status line, verdict labels, the solution diff, progress. */
import { describe, expect, it } from 'vitest';
import type { Results, TestResult } from '../../checker/judge.ts';
import { lineDiff } from './line-diff.ts';
import {
  NOT_STARTED,
  afterCheck,
  progressText,
  readAllProgress,
  readProgress,
  writeProgress,
} from './progress.ts';
import { networkRowText, pointsText, statusLabel, summaryText } from './results-summary.ts';

function test(status: TestResult['status'], points = 1): TestResult {
  return {
    name: `a ${status} check`,
    status,
    points: status === 'pass' ? points : 0,
    maxPoints: points,
    clockMs: 0,
    code: '() => {}',
  };
}

function results(tests: TestResult[], extra: Partial<Results> = {}): Results {
  return {
    version: 1,
    exercise: 'fetch-user',
    status: 'fail',
    score: tests.reduce((sum, entry) => sum + entry.points, 0),
    maxScore: tests.reduce((sum, entry) => sum + entry.maxPoints, 0),
    tests,
    ...extra,
  };
}

describe('summaryText', () => {
  it('counts passed checks out of all of them', () => {
    expect(summaryText(results([test('pass'), test('fail'), test('fail')]), 3)).toBe(
      '1 of 3 checks passed.',
    );
    expect(summaryText(results([test('pass'), test('pass')]), 2)).toBe(
      '2 of 2 checks passed. Well done!',
    );
  });

  it('says checks that could not judge the code are errors, not failures', () => {
    expect(summaryText(results([test('error'), test('pass')]), 2)).toBe(
      '1 of 2 checks passed; 1 could not judge your code (see below).',
    );
  });

  it('gives the reason when no check could run at all', () => {
    const text = summaryText(
      results([], { status: 'error', message: 'Your code does not compile: Unexpected ";"' }),
      6,
    );
    expect(text).toBe('Could not check your code: Your code does not compile: Unexpected ";"');
  });
});

describe('verdict wording', () => {
  it('labels every status', () => {
    expect(['pass', 'fail', 'error'].map((s) => statusLabel(s as TestResult['status']))).toEqual([
      'passed',
      'failed',
      'error',
    ]);
  });

  it('says points in the singular and plural', () => {
    expect(pointsText({ points: 0, maxPoints: 1 })).toBe('0 of 1 point');
    expect(pointsText({ points: 2, maxPoints: 2 })).toBe('2 of 2 points');
  });

  it('describes a network row with its status, or why there was none', () => {
    const base = { method: 'GET', url: 'https://api.example.com/users/1', startMs: 0, attempt: 1 };
    expect(networkRowText({ ...base, status: 404, outcome: 'ok', endMs: 12 })).toBe(
      'GET https://api.example.com/users/1 → 404, at 12 ms (attempt 1)',
    );
    expect(
      networkRowText({
        ...base,
        status: null,
        outcome: 'timed-out',
        endMs: 10000,
        reason: 'signal timed out',
      }),
    ).toBe(
      'GET https://api.example.com/users/1 → timed-out: signal timed out, at 10000 ms (attempt 1)',
    );
  });
});

describe('lineDiff', () => {
  it('marks lines only in the learner code as removed and only in the solution as added', () => {
    const mine = 'a\nthrow new Error();\nc\n';
    const solution = 'a\nconst r = await fetch(u);\nreturn r;\nc';
    expect(lineDiff(mine, solution)).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'throw new Error();' },
      { kind: 'added', text: 'const r = await fetch(u);' },
      { kind: 'added', text: 'return r;' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it("shows the starter's opening comment as context, not as a difference", () => {
    const starter =
      '// Exercise: fetch-user. Keep every export.\n// The checks call it.\nexport function f() {\n  // Your code here.\n}\n';
    const mine =
      '// Exercise: fetch-user. Keep every export.\n// The checks call it.\nexport function f() {\n  return 1;\n}\n';
    const solution = 'export function f() {\n  return 1;\n}\n';
    const diff = lineDiff(mine, solution, starter);
    expect(diff.filter((line) => line.kind !== 'same')).toEqual([]);
    expect(diff.map((line) => line.text)[0]).toBe('// Exercise: fetch-user. Keep every export.');
    // A comment the learner wrote is theirs: it still counts.
    const own = lineDiff(`// My notes\n${solution}`, solution, starter);
    expect(own[0]).toEqual({ kind: 'removed', text: '// My notes' });
    // Without the starter, the diff is the plain one.
    expect(lineDiff(mine, solution).filter((line) => line.kind === 'removed')).toHaveLength(2);
  });

  it('finds nothing to change in identical code, trailing spaces aside', () => {
    expect(lineDiff('x  \ny', 'x\ny\n').every((line) => line.kind === 'same')).toBe(true);
  });
});

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    map,
  };
}

describe('progress', () => {
  it('moves from not started to attempted to solved, keeping the best score', () => {
    const first = afterCheck(NOT_STARTED, 2, 7, 1000);
    expect(first).toMatchObject({ state: 'attempted', bestScore: 2, maxScore: 7, checkedAt: 1000 });
    const worse = afterCheck(first, 1, 7, 2000);
    expect(worse.bestScore).toBe(2);
    const solved = afterCheck(worse, 7, 7, 3000);
    expect(solved.state).toBe('solved');
    // Breaking the code later does not take the achievement away.
    expect(afterCheck(solved, 0, 7, 4000)).toMatchObject({ state: 'solved', bestScore: 7 });
  });

  it('is kept per exercise, and a damaged entry counts as not started', () => {
    const store = memoryStore();
    expect(writeProgress('a', afterCheck(NOT_STARTED, 1, 2, 1), store)).toBe(true);
    expect(writeProgress('b', { ...NOT_STARTED, hintsShown: 2 }, store)).toBe(true);
    expect(readProgress('a', store).bestScore).toBe(1);
    expect(readProgress('b', store).hintsShown).toBe(2);
    store.map.set('progress:exercises', JSON.stringify({ a: { state: 'hacked' } }));
    expect(readProgress('a', store)).toEqual(NOT_STARTED);
    store.map.set('progress:exercises', 'not json');
    expect(readAllProgress(store)).toEqual({});
  });

  it('reports storage that is missing or full instead of throwing', () => {
    expect(writeProgress('a', NOT_STARTED, null)).toBe(false);
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(writeProgress('a', NOT_STARTED, full)).toBe(false);
  });

  it('reads as text', () => {
    expect(progressText(NOT_STARTED)).toBe('Not started');
    expect(progressText(afterCheck(NOT_STARTED, 3, 7, 1))).toBe('Attempted: best 3 of 7 points');
    expect(progressText(afterCheck(NOT_STARTED, 7, 7, 1))).toBe('Solved');
  });
});
