/** Shared test data for the teacher tools' unit tests (no environment imports). */
import type { Results } from '../checker/judge.ts';
import type { Assignment } from './assignment-link.ts';
import type { CatalogExercise } from './catalog.ts';
import type { StudentGrade } from './grade-submissions.ts';
import { createSubmission, type ClaimedResults, type Submission } from './submission.ts';

export const fp = (digit: string) => `sha256-${digit.repeat(64)}`;

export const testAssignment: Assignment = {
  version: 1,
  id: 'week3-abcdef',
  title: 'Week 3',
  due: '2026-12-01T23:59:00+01:00',
  timeZone: 'Europe/Berlin',
  exercises: [
    { id: 'alpha', fingerprint: fp('a'), points: 10 },
    { id: 'beta', fingerprint: fp('b') },
  ],
};

export function testCatalogEntry(
  id: string,
  fingerprint: string,
  maxPoints: number,
  /** @default a fingerprint no code has */
  starterFingerprint = fp('0'),
): CatalogExercise {
  return {
    id,
    lesson: '01-test',
    title: `Exercise ${id}`,
    difficulty: 1,
    minutes: 5,
    skills: ['testing'],
    fingerprint,
    starterFingerprint,
    checks: [],
    maxPoints,
    checksJs: '',
  };
}

export function results(exercise: string, verdicts: ('pass' | 'fail' | 'error')[]): Results {
  const tests = verdicts.map((status, index) => ({
    name: `check ${index + 1}`,
    status,
    points: status === 'pass' ? 1 : 0,
    maxPoints: 1,
    clockMs: 0,
    code: '',
    ...(status === 'pass'
      ? {}
      : { message: `check ${index + 1} ${status}ed`, expected: '1', actual: '2' }),
  }));
  const score = tests.reduce((sum, test) => sum + test.points, 0);
  return {
    version: 1,
    exercise,
    status: verdicts.includes('error') ? 'error' : score === tests.length ? 'pass' : 'fail',
    score,
    maxScore: tests.length,
    tests,
  };
}

export function submissionFor(
  name: string,
  options: {
    id?: string;
    submittedAt?: string;
    code?: Record<string, string>;
    claimed?: Record<string, ClaimedResults>;
    assignment?: Assignment;
  } = {},
): Submission {
  const assignment = options.assignment ?? testAssignment;
  const code = options.code ?? { alpha: 'export const a = 1;', beta: 'export const b = 2;' };
  return createSubmission({
    assignment,
    student: { name, ...(options.id ? { id: options.id } : {}) },
    exercises: Object.entries(code).map(([id, text]) => ({
      id,
      code: text,
      results: options.claimed?.[id] ?? null,
      checkedAt: null,
    })),
    startedAt: null,
    submittedAt: options.submittedAt ?? '2026-12-01T20:00:00Z',
    siteVersion: 'test',
  });
}

export function studentGrade(overrides: Partial<StudentGrade> = {}): StudentGrade {
  return {
    file: 'ada.json',
    name: 'Ada Lovelace',
    studentId: 's1',
    exercises: [
      {
        id: 'alpha',
        points: 5,
        maxPoints: 10,
        results: results('alpha', ['pass', 'fail']),
        claimed: null,
        claimedDiffers: false,
        notAttempted: false,
        code: 'x',
      },
      {
        id: 'beta',
        points: 0,
        maxPoints: 3,
        results: null,
        claimed: null,
        claimedDiffers: false,
        notAttempted: false,
        code: null,
      },
    ],
    total: 5,
    maxTotal: 13,
    claimedLate: false,
    flags: ['not-submitted'],
    claimedSubmittedAt: '2026-12-01T20:00:00Z',
    duplicates: [],
    ...overrides,
  };
}

/**
 * The file of issue 19's finding 6: a 5,000-deep array inside the claimed results of an otherwise
 * valid submission (14 KB; it once overflowed the stack of every reader and stopped the class).
 */
export function deeplyNestedSubmissionText(submission: Submission, depth = 5_000): string {
  const text = JSON.stringify({
    ...submission,
    exercises: submission.exercises.map((exercise, index) =>
      index === 0
        ? {
            ...exercise,
            results: { status: 'pass', score: 1, maxScore: 1, tests: [], deep: '@DEEP@' },
          }
        : exercise,
    ),
  });
  return text.replace('"@DEEP@"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
}
