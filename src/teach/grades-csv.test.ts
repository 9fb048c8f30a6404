import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { GradeReport } from './grade-submissions.ts';
import { CSV_BOM, gradesCsv, missingIdWarning, neutraliseCell } from './grades-csv.ts';
import { studentGrade, testAssignment } from './test-fixtures.ts';

const report = (students = [studentGrade()]): GradeReport => ({
  assignment: testAssignment,
  students,
  stopped: false,
});

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe('grades CSV', () => {
  it("full: name, student ID, points per exercise, total, the student's claims, flags, file", () => {
    const csv = gradesCsv(
      report([
        studentGrade(),
        studentGrade({
          name: 'Bob, Jr.',
          studentId: null,
          claimedLate: true,
          flags: ['claimed-late', 'claimed-differs'],
          file: 'bob.json',
        }),
      ]),
    );
    const header = [
      'Name',
      'Student ID',
      'alpha',
      'beta',
      'Total',
      "Late (student's claim)",
      "Submitted at (student's claim)",
      'Flags',
      'File',
    ];
    const at = '2026-12-01T20:00:00Z';
    expect(parse(csv)).toEqual([
      header,
      ['Ada Lovelace', 's1', '5', '0', '5', 'no', at, 'not-submitted', 'ada.json'],
      ['Bob, Jr.', '', '5', '0', '5', 'yes', at, 'claimed-late claimed-differs', 'bob.json'],
    ]);
  });

  it("canvas: the gradebook import's identity columns and the assignment as one column", () => {
    expect(parse(gradesCsv(report(), 'canvas'))).toEqual([
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Week 3'],
      ['Ada Lovelace', '', 's1', '', '', '5'],
    ]);
  });

  it('canvas: --column names the grade column (Canvas\'s own "Title (id)" fills an existing assignment)', () => {
    expect(parse(gradesCsv(report(), 'canvas', { column: 'Week 3 (12345)' }))[0]!.at(-1)).toBe(
      'Week 3 (12345)',
    );
    expect(parse(gradesCsv(report(), 'moodle', { column: '  ' }))[0]!.at(-1)).toBe('Week 3');
  });

  it('warns, for the LMS presets, about rows without a student ID; the BOM is UTF-8', () => {
    const graded = report([studentGrade(), studentGrade({ name: 'Zoë', studentId: null })]);
    expect(missingIdWarning(graded, 'full')).toBeNull();
    expect(missingIdWarning(report(), 'canvas')).toBeNull();
    expect(missingIdWarning(graded, 'canvas')).toMatch(
      /^1 of 2 rows have no student ID, so Canvas cannot match them: Zoë\. Fill in their IDs/,
    );
    expect(missingIdWarning(graded, 'moodle')).toContain('Moodle cannot match them');
    expect([...new TextEncoder().encode(CSV_BOM)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('moodle: ID number to map the user, full name, the assignment total', () => {
    expect(parse(gradesCsv(report(), 'moodle'))).toEqual([
      ['ID number', 'Full name', 'Week 3'],
      ['s1', 'Ada Lovelace', '5'],
    ]);
  });

  it('neutralises spreadsheet formulas in every text cell, even with a line break inside', () => {
    const evil = [
      '=HYPERLINK("http://evil.example","x")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
      '=cmd|"/c calc"!A0\nsecond line',
    ];
    for (const name of evil) {
      const [, row] = parse(gradesCsv(report([studentGrade({ name, studentId: '=1+2' })])));
      expect(row![0]).toBe(`'${name}`);
      expect(row![1]).toBe("'=1+2");
    }
    const [, safe] = parse(
      gradesCsv(report([studentGrade({ name: 'Zoë = fine', studentId: 'a-1' })])),
    );
    expect(safe!.slice(0, 2)).toEqual(['Zoë = fine', 'a-1']);
    expect(neutraliseCell('=1')).toBe("'=1");
    expect(neutraliseCell('1=1')).toBe('1=1');
  });

  it('an assignment title that is a formula is neutralised in the LMS header too', () => {
    const csv = gradesCsv(
      { ...report(), assignment: { ...testAssignment, title: '=1+1' } },
      'moodle',
    );
    expect(parse(csv)[0]).toEqual(['ID number', 'Full name', "'=1+1"]);
  });
});
