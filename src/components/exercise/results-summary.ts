/**
 * What the learner reads after Check, from the results (src/checker/judge.ts): the status line and
 * each check's verdict. Pure, so the wording is unit-tested.
 */
import type { Results, TestResult, TestStatus } from '../../checker/judge.ts';
import type { NetworkEntry } from '../../runner/run-record.ts';
import { assertNever } from '../../runner/assert-never.ts';

/**
 * The status line: "N of M checks passed", or why the code could not be judged. `checkCount` is the
 * number of checks the page lists, for when none ran (the code did not compile).
 */
export function summaryText(results: Results, checkCount: number): string {
  if (results.tests.length === 0) {
    return `Could not check your code: ${results.message ?? 'no check ran.'}`;
  }
  const passed = results.tests.filter((test) => test.status === 'pass').length;
  const errors = results.tests.filter((test) => test.status === 'error').length;
  const total = Math.max(results.tests.length, checkCount);
  const base = `${passed} of ${total} checks passed`;
  if (errors > 0) {
    return `${base}; ${errors} could not judge your code (see below).`;
  }
  return passed === total ? `${base}. Well done!` : `${base}.`;
}

export function statusLabel(status: TestStatus): string {
  switch (status) {
    case 'pass':
      return 'passed';
    case 'fail':
      return 'failed';
    case 'error':
      return 'error';
    default:
      return assertNever(status);
  }
}

/** "1 of 2 points" or "1 point". */
export function pointsText(test: Pick<TestResult, 'points' | 'maxPoints'>): string {
  const unit = test.maxPoints === 1 ? 'point' : 'points';
  return `${test.points} of ${test.maxPoints} ${unit}`;
}

/** One network row as text: "GET https://api.example.com/users/1 → 404 at 0 ms (attempt 1)". */
export function networkRowText(row: NetworkEntry): string {
  const result =
    row.status !== null
      ? String(row.status)
      : `${row.outcome}${row.reason ? `: ${row.reason}` : ''}`;
  const when = row.endMs === null ? `started at ${row.startMs} ms, no end` : `at ${row.endMs} ms`;
  return `${row.method} ${row.url} → ${result}, ${when} (attempt ${row.attempt})`;
}
