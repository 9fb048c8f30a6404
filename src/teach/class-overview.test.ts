import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Results, TestResult } from '../checker/judge.ts';
import type { NetworkEntry } from '../runner/run-record.ts';
import { catalogById } from './catalog.ts';
import { summaryCsv } from './class-overview-csv.ts';
import { classOverview, type StudentRef } from './class-overview.ts';
import { fingerprintCode } from './fingerprint.ts';
import { gradeSubmissions, type JudgeExercise } from './grade-submissions.ts';
import {
  fp,
  studentGrade,
  submissionFor,
  testAssignment,
  testCatalogEntry,
} from './test-fixtures.ts';

const ALPHA_CHECKS = ['returns the user', 'gives up on a hang', 'does not retry a 404'];

function request(status: number | null, startMs: number, attempt: number): NetworkEntry {
  return {
    method: 'GET',
    url: 'https://api.example.com/users/99',
    status,
    startMs,
    endMs: startMs + 5,
    attempt,
    outcome: 'ok',
  };
}

function test(name: string, pass: boolean, failure: Partial<TestResult> = {}): TestResult {
  return {
    name,
    status: pass ? 'pass' : 'fail',
    points: pass ? 1 : 0,
    maxPoints: 1,
    clockMs: 0,
    code: '',
    ...(pass ? {} : failure),
  };
}

function judged(exercise: string, tests: TestResult[]): Results {
  const score = tests.reduce((sum, entry) => sum + entry.points, 0);
  const maxScore = tests.reduce((sum, entry) => sum + entry.maxPoints, 0);
  return {
    version: 1,
    exercise,
    status: score === maxScore ? 'pass' : 'fail',
    score,
    maxScore,
    tests,
  };
}

/** What each kind of code does, by its text: the fixture class's judge. */
const judge: JudgeExercise = async (code, exercise) => {
  if (exercise.id === 'beta') {
    const solved = code === 'solved';
    return judged('beta', [{ ...test('b1', solved), points: solved ? 3 : 0, maxPoints: 3 }]);
  }
  switch (code) {
    case 'solved':
      return judged(
        'alpha',
        ALPHA_CHECKS.map((name) => test(name, true)),
      );
    case 'no-signal':
      // Waits forever on the hang, and asks for the 404 twice: two mistakes the trace shows.
      return judged('alpha', [
        test(ALPHA_CHECKS[0]!, true),
        test(ALPHA_CHECKS[1]!, false, {
          message: 'Your program waited forever: GET /hang has no signal',
          network: [request(null, 0, 1)],
        }),
        test(ALPHA_CHECKS[2]!, false, {
          message: 'requests made: expected 1, but it was 2',
          expected: '1',
          actual: '2',
          network: [request(404, 0, 1), request(404, 10, 2)],
        }),
      ]);
    case 'does-not-compile':
      return { ...judged('alpha', []), status: 'error', message: 'Your code does not compile' };
    default:
      return judged(
        'alpha',
        ALPHA_CHECKS.map((name) => test(name, false)),
      );
  }
};

const files = (list: StudentRef[]) => list.map((student) => student.file);

async function fixtureClass() {
  const starter = await fingerprintCode('starter');
  const catalog = catalogById([
    {
      ...testCatalogEntry('alpha', fp('a'), 3, starter),
      checks: ALPHA_CHECKS.map((name) => ({ name, points: 1 })),
    },
    { ...testCatalogEntry('beta', fp('b'), 3, starter), checks: [{ name: 'b1', points: 3 }] },
  ]);
  const student = (file: string, name: string, code: Record<string, string>) => ({
    file,
    submission: submissionFor(name, { code }),
  });
  const report = await gradeSubmissions({
    assignment: testAssignment,
    catalog,
    judge,
    submissions: [
      student('ada.json', 'Ada', { alpha: 'solved', beta: 'solved' }),
      student('bob.json', 'Bob', { alpha: 'no-signal', beta: 'starter' }),
      // No code for beta at all.
      student('cy.json', 'Cy', { alpha: 'no-signal' }),
      student('dee.json', 'Dee', { alpha: 'does-not-compile', beta: 'solved' }),
      // Two files of one student, neither kept yet.
      student('eve-draft.json', 'Eve', { alpha: 'starter', beta: 'starter' }),
      student('eve.json', 'Eve', { alpha: 'solved', beta: 'solved' }),
    ],
  });
  return { report, catalog, overview: classOverview(report, catalog) };
}

describe('class overview', () => {
  it('pass rates are over the students who attempted the exercise; starters and missing code are counted apart', async () => {
    const { overview } = await fixtureClass();
    expect(overview.graded).toBe(6);
    const [alpha, beta] = overview.exercises;
    expect(alpha!.title).toBe('Exercise alpha');
    expect(files(alpha!.attempted)).toEqual([
      'ada.json',
      'bob.json',
      'cy.json',
      'dee.json',
      'eve.json',
    ]);
    expect(files(alpha!.notAttempted)).toEqual(['eve-draft.json']);
    expect(files(alpha!.notHandedIn)).toEqual([]);
    // Code that does not compile gets no verdict on any check: it passes none.
    expect(files(alpha!.noVerdict)).toEqual(['dee.json']);
    expect(alpha!.checks.map((check) => [check.name, check.passed.length, check.passRate])).toEqual(
      [
        ['returns the user', 4, 0.8],
        ['gives up on a hang', 2, 0.4],
        ['does not retry a 404', 2, 0.4],
      ],
    );
    expect(files(alpha!.checks[1]!.notPassed)).toEqual(['bob.json', 'cy.json', 'dee.json']);
    expect(files(beta!.notAttempted)).toEqual(['bob.json', 'eve-draft.json']);
    expect(files(beta!.notHandedIn)).toEqual(['cy.json']);
    expect(beta!.checks).toEqual([expect.objectContaining({ name: 'b1', points: 3, passRate: 1 })]);
  });

  it('the score distribution has ten 10% buckets and one for full points, with mean and median', async () => {
    const { overview } = await fixtureClass();
    const { buckets, ...scores } = overview.scores;
    // alpha is worth 10 (assigned), beta 3: Ada and Eve 13, Bob and Cy 3.33, Dee 3, the draft 0.
    expect(scores).toEqual({ maxTotal: 13, mean: 5.94, median: 3.33 });
    expect(buckets).toHaveLength(11);
    expect(
      buckets.filter((bucket) => bucket.students.length).map((b) => [b.label, files(b.students)]),
    ).toEqual([
      ['0–9%', ['eve-draft.json']],
      ['20–29%', ['bob.json', 'cy.json', 'dee.json']],
      ['100%', ['ada.json', 'eve.json']],
    ]);
  });

  it('a share on a bucket edge lands in that bucket, not below it by a rounding error', () => {
    // 0.3 / 3 × 10 is 0.9999999999999999 in floating point.
    const report = {
      assignment: testAssignment,
      stopped: false,
      students: [studentGrade({ total: 0.3, maxTotal: 3 })],
    };
    const overview = classOverview(report, catalogById([]));
    expect(overview.scores.buckets.find((b) => b.students.length)!.label).toBe('10–19%');
  });

  it('top mistakes come from the traces, once per student, most students first, with a message', async () => {
    const { overview } = await fixtureClass();
    expect(
      overview.mistakes.map((m) => [m.exercise, m.id, files(m.students), m.outOf, m.checks]),
    ).toEqual([
      ['alpha', 'no-signal', ['bob.json', 'cy.json'], 5, ['gives up on a hang']],
      ['alpha', 'retried-client-error', ['bob.json', 'cy.json'], 5, ['does not retry a 404']],
    ]);
    expect(overview.mistakes[0]!.summary).toBe(
      'Request without a signal (the timeout never fired)',
    );
    expect(overview.mistakes[1]!.message).toMatch(/^You retried a 404 \(GET \/users\/99\)/);
  });

  it('duplicate files each count until the teacher keeps one; refused files are never in the report', async () => {
    const { overview } = await fixtureClass();
    expect(files(overview.duplicates)).toEqual(['eve-draft.json', 'eve.json']);
  });

  it('an empty class has no mean, no median and null pass rates', () => {
    const overview = classOverview(
      { assignment: testAssignment, students: [], stopped: false },
      catalogById([testCatalogEntry('alpha', fp('a'), 2)]),
    );
    expect(overview.scores).toMatchObject({ maxTotal: 10, mean: null, median: null });
    expect(
      overview.exercises.every((exercise) => exercise.checks.every((c) => c.passRate === null)),
    ).toBe(true);
  });

  it('the summary CSV has a row per figure; Count is the number of students named', async () => {
    const { overview } = await fixtureClass();
    const rows = Papa.parse<string[]>(summaryCsv(overview), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([
      'Kind',
      'Exercise',
      'Item',
      'Count',
      'Out of',
      'Pass rate (%)',
      'Students',
      'Message',
    ]);
    const find = (kind: string, item: string) => rows.find((r) => r[0] === kind && r[2] === item);
    expect(find('score', '20–29%')).toEqual([
      'score',
      '',
      '20–29%',
      '3',
      '6',
      '',
      'Bob; Cy; Dee',
      '',
    ]);
    expect(find('check', 'gives up on a hang')).toEqual([
      'check',
      'alpha',
      'gives up on a hang',
      '3',
      '5',
      '40',
      'Bob; Cy; Dee',
      '',
    ]);
    expect(rows.find((r) => r[0] === 'not-handed-in' && r[1] === 'beta')!.slice(3, 7)).toEqual([
      '1',
      '6',
      '',
      'Cy',
    ]);
    expect(find('mistake', 'no-signal')![7]).toMatch(
      /^Request without a signal \(the timeout never fired\): This request had no signal/,
    );
    // 11 buckets, 4 checks and 3 per-exercise counts for each of 2 exercises, 2 mistakes.
    expect(rows).toHaveLength(1 + 11 + 4 + 6 + 2);
  });
});
