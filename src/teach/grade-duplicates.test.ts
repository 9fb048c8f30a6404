/**
 * Two files for one student (issue 19, impersonation): both are graded and shown, flagged, and only
 * the teacher's choice (keepFile) drops one. A file's own time is the student's claim.
 */
import { describe, expect, it } from 'vitest';
import type { Results } from '../checker/judge.ts';
import { catalogById } from './catalog.ts';
import { gradeSubmissions, keepFile, type JudgeExercise } from './grade-submissions.ts';
import { gradesCsv } from './grades-csv.ts';
import { readSubmissionFiles } from './submission-files.ts';
import { fp, results, submissionFor, testAssignment, testCatalogEntry } from './test-fixtures.ts';

const catalog = catalogById([
  testCatalogEntry('alpha', fp('a'), 4),
  testCatalogEntry('beta', fp('b'), 3),
]);
const judge: JudgeExercise = async (code, exercise) =>
  results(exercise.id, code.split('//')[0]!.trim().split(',') as Results['status'][]);

async function gradeFiles(files: { name: string; text: string }[]) {
  const verdicts = readSubmissionFiles(files, testAssignment);
  return gradeSubmissions({
    assignment: testAssignment,
    catalog,
    judge,
    submissions: verdicts.flatMap((v) =>
      v.ok ? [{ file: v.file, submission: v.submission }] : [],
    ),
  });
}

const file = (name: string, submission: unknown) => ({ name, text: JSON.stringify(submission) });

describe('duplicates', () => {
  it('two files for one student are both graded, flagged with each other, and the teacher chooses', async () => {
    const report = await gradeFiles([
      file('ada.json', submissionFor('Ada', { id: 's1', code: { alpha: 'pass', beta: 'pass' } })),
      // The forgery: Ada's name and ID, a time in 2099, wrong code.
      file(
        'forged.json',
        submissionFor('Ada Lovelace', {
          id: 'S1',
          submittedAt: '2099-01-01T00:00:00Z',
          code: { alpha: 'fail', beta: 'fail' },
        }),
      ),
      file('bob.json', submissionFor('Bob', { code: { alpha: 'pass', beta: 'fail' } })),
    ]);
    expect(
      report.students.map(({ file, flags, duplicates }) => ({ file, flags, duplicates })),
    ).toEqual([
      { file: 'ada.json', flags: ['duplicate'], duplicates: ['forged.json'] },
      { file: 'forged.json', flags: ['claimed-late', 'duplicate'], duplicates: ['ada.json'] },
      { file: 'bob.json', flags: [], duplicates: [] },
    ]);
    expect(report.students[1]).toMatchObject({
      claimedLate: true,
      claimedSubmittedAt: '2099-01-01T00:00:00Z',
    });
    const csvRows = gradesCsv(report).split('\r\n');
    expect(csvRows[1]).toMatch(/^Ada,s1,.*,duplicate,ada\.json$/);
    expect(csvRows[2]).toMatch(/^Ada Lovelace,S1,.*,claimed-late duplicate,forged\.json$/);
    const json = JSON.parse(JSON.stringify(report));
    expect(json.students[0].flags).toContain('duplicate');

    const chosen = keepFile(report, 'ada.json');
    expect(chosen.students.map(({ file, flags }) => ({ file, flags }))).toEqual([
      { file: 'ada.json', flags: [] },
      { file: 'bob.json', flags: [] },
    ]);
    expect(keepFile(report, 'bob.json')).toBe(report);
  });

  it('the same name without an ID is the same student; different IDs are not', async () => {
    const report = await gradeFiles([
      file('a.json', submissionFor('Grace Hopper')),
      file('b.json', submissionFor('  grace   hopper ')),
      file('c.json', submissionFor('Alan', { id: 'x1' })),
      file('d.json', submissionFor('Alan', { id: 'x2' })),
    ]);
    expect(report.students.map((student) => student.duplicates)).toEqual([
      ['b.json'],
      ['a.json'],
      [],
      [],
    ]);
  });
});
