/**
 * An untouched starter handed in looks like an honest failure: every grading output flags it
 * "not attempted" (issue 21), the Grades table through the same report (grade-page.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Results } from '../checker/judge.ts';
import { catalogById } from './catalog.ts';
import { fingerprintCode } from './fingerprint.ts';
import { gradeSubmissions, type JudgeExercise } from './grade-submissions.ts';
import { gradesCsv } from './grades-csv.ts';
import { gradescopeResults } from './gradescope-results.ts';
import { fp, results, submissionFor, testAssignment, testCatalogEntry } from './test-fixtures.ts';

const STARTER = 'fail,fail // TODO: write fetchUser\nexport {};\n';
const judge: JudgeExercise = async (code, exercise) =>
  results(exercise.id, code.split('//')[0]!.trim().split(',') as Results['status'][]);

async function grade() {
  const catalog = catalogById([
    testCatalogEntry('alpha', fp('a'), 4, await fingerprintCode(STARTER)),
    testCatalogEntry('beta', fp('b'), 3),
  ]);
  const report = await gradeSubmissions({
    assignment: testAssignment,
    catalog,
    judge,
    submissions: [
      {
        file: 'linus.json',
        // The starter as an editor may save it: CRLF, a trailing space, a final blank line.
        submission: submissionFor('Linus', {
          code: { alpha: `${STARTER.replace(/\n/g, ' \r\n')}\r\n`, beta: 'pass' },
        }),
      },
      {
        file: 'ada.json',
        // One real edit (the failure is honest).
        submission: submissionFor('Ada', {
          code: { alpha: STARTER.replace('TODO', 'tried'), beta: 'pass' },
        }),
      },
    ],
  });
  return { report, catalog };
}

describe('not attempted', () => {
  it('flags the untouched starter in the report (JSON), the CSV and Gradescope, and not an edited failure', async () => {
    const { report, catalog } = await grade();
    const [linus, ada] = report.students;
    expect(linus!.exercises.map((exercise) => exercise.notAttempted)).toEqual([true, false]);
    expect(linus!.flags).toEqual(['not-attempted']);
    expect(ada!.exercises.map((exercise) => exercise.notAttempted)).toEqual([false, false]);
    expect(ada!.flags).toEqual([]);
    expect(JSON.parse(JSON.stringify(report)).students[0].flags).toEqual(['not-attempted']);

    const rows = gradesCsv(report).split('\r\n');
    expect(rows[1]).toMatch(/^Linus,.*,not-attempted,linus\.json$/);
    expect(rows[2]).toMatch(/^Ada,.*,,ada\.json$/);

    const gradescope = gradescopeResults(linus!, catalog);
    expect(gradescope.output).toContain(
      'Not attempted: Exercise alpha is the starter code, unchanged.',
    );
    expect(gradescopeResults(ada!, catalog).output).not.toContain('Not attempted');
  });
});
