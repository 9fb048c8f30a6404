/**
 * Gradescope's autograder `results.json` for one student
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/): one test per check of every
 * exercise, scored on the assignment's points, with the learner-facing message as the output.
 * gradescope-results.schema.json describes the subset we write; a unit test validates against it.
 */
import type { Results } from '../checker/judge.ts';
import type { StudentGrade } from './grade-submissions.ts';
import type { CatalogExercise } from './catalog.ts';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible' | 'hidden' | 'after_due_date' | 'after_published';
}

export interface GradescopeResults {
  score: number;
  execution_time?: number;
  output: string;
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
}

/**
 * `total` (in points, to the cent) shared out in proportion to `weights`, in cents, so the parts add
 * up to exactly `total` (largest remainder): three checks of 1 point scaled to 8 points are 2.67,
 * 2.67 and 2.66, never 2.67 × 3 = 8.01.
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const cents = Math.round(total * 100);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || cents === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (weight / sum) * cents);
  const parts = exact.map(Math.floor);
  let left = cents - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts.map((part) => part / 100);
}

function testOutput(test: Results['tests'][number]): string {
  if (test.status === 'pass') return 'Passed.';
  const lines = [test.message ?? `Check ${test.status === 'fail' ? 'failed' : 'could not run'}.`];
  if (test.expected !== undefined) lines.push(`expected: ${test.expected}`);
  if (test.actual !== undefined) lines.push(`actual:   ${test.actual}`);
  return lines.join('\n');
}

/** results.json for a graded student. `titles` gives each exercise's title for the test names. */
export function gradescopeResults(
  student: StudentGrade,
  titles: ReadonlyMap<string, Pick<CatalogExercise, 'title'>>,
  executionSeconds?: number,
): GradescopeResults {
  const tests: GradescopeTest[] = [];
  student.exercises.forEach((exercise, index) => {
    const title = titles.get(exercise.id)?.title ?? exercise.id;
    const results = exercise.results;
    if (!results || results.tests.length === 0) {
      tests.push({
        name: `${title}`,
        number: `${index + 1}`,
        score: 0,
        max_score: exercise.maxPoints,
        status: 'failed',
        output: results?.message ?? 'No code was handed in for this exercise.',
        visibility: 'visible',
      });
      return;
    }
    // Each check's share of the exercise's points, in cents that add up to exactly the exercise's
    // max; a passed check earns all of its share.
    const maxScores = apportion(
      results.tests.map((test) => test.maxPoints),
      exercise.maxPoints,
    );
    results.tests.forEach((test, check) => {
      tests.push({
        name: `${title}: ${test.name}`,
        number: `${index + 1}.${check + 1}`,
        score:
          test.maxPoints > 0
            ? Math.round((maxScores[check]! * test.points * 100) / test.maxPoints) / 100
            : 0,
        max_score: maxScores[check]!,
        status: test.status === 'pass' ? 'passed' : 'failed',
        output: testOutput(test),
        visibility: 'visible',
      });
    });
  });
  const notes = [`${student.name}: ${student.total} of ${student.maxTotal} points.`];
  if (student.claimedLate) {
    notes.push(
      "The file's own time (your computer's clock) is after the due date; Gradescope's upload time is the one that counts.",
    );
  }
  const untouched = student.exercises.filter((exercise) => exercise.notAttempted);
  if (untouched.length > 0) {
    notes.push(
      `Not attempted: ${untouched.map((exercise) => titles.get(exercise.id)?.title ?? exercise.id).join(', ')} ${untouched.length === 1 ? 'is' : 'are'} the starter code, unchanged.`,
    );
  }
  if (student.flags.includes('claimed-differs')) {
    notes.push(
      'The results saved in the submission differ from the re-run; the re-run is the grade.',
    );
  }
  return {
    score: student.total,
    ...(executionSeconds === undefined ? {} : { execution_time: Math.round(executionSeconds) }),
    output: notes.join('\n'),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}

/** results.json when the submission could not be graded at all: 0 points and the reason. */
export function gradescopeRefusal(message: string): GradescopeResults {
  return {
    score: 0,
    output: message,
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: [],
  };
}

/**
 * results.json when the autograder itself is not set up right (the teacher's placeholder link, a
 * broken link, checks that changed): 0 points, and it says plainly that it is not the student's fault.
 */
export function gradescopeSetupProblem(detail: string): GradescopeResults {
  return gradescopeRefusal(
    `This autograder is not set up correctly, so no submission can be graded yet. This is not a problem with your file: tell your teacher, and upload it again once they have fixed it.\n\nFor the teacher: ${detail}`,
  );
}
