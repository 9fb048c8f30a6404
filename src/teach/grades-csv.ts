/**
 * The grades as CSV (papaparse's unparse), one row per student, with column headers for a plain
 * spreadsheet or for an LMS grade import:
 * - `full`: Name, Student ID, one column per exercise, Total, the file's own claims (late, saved
 *   at: the student's clock, never proof), Flags, File (two rows of one student are both listed,
 *   flagged `duplicate`, and the teacher chooses).
 * - `canvas`: Canvas's gradebook import columns (Student, ID, SIS User ID, SIS Login ID, Section) and
 *   one column named after the assignment holding the total; Canvas matches rows by SIS User ID
 *   (our Student ID) and makes a new assignment from a new column name. ID, SIS Login ID and Section
 *   stay empty: the course site cannot know them.
 * - `moodle`: ID number (map it to "ID number" under "Identify user by" on Moodle's CSV import),
 *   Full name, and the total in a column named after the assignment (map it to a grade item).
 * Cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe.
 */
import Papa from 'papaparse';
import { assertNever } from '../runner/assert-never.ts';
import type { GradeReport, StudentGrade } from './grade-submissions.ts';

export const CSV_PRESETS = ['full', 'canvas', 'moodle'] as const;
export type CsvPreset = (typeof CSV_PRESETS)[number];

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @) or that hides one behind a tab or carriage
 * return. papaparse's own `escapeFormulae: true` pattern (`/^[=+\-@\t\r].*$/`) does not match when the
 * cell also holds a line break, so we pass the prefix-only pattern.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** What a neutralised cell looks like: the text with an apostrophe in front. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

type Cell = string | number;

function flagsText(student: StudentGrade): string {
  return student.flags.join(' ');
}

function table(report: GradeReport, preset: CsvPreset): { header: string[]; rows: Cell[][] } {
  const { assignment, students } = report;
  switch (preset) {
    case 'full':
      return {
        header: [
          'Name',
          'Student ID',
          ...assignment.exercises.map((exercise) => exercise.id),
          'Total',
          "Late (student's claim)",
          "Submitted at (student's claim)",
          'Flags',
          'File',
        ],
        rows: students.map((student) => [
          student.name,
          student.studentId ?? '',
          ...student.exercises.map((exercise) => exercise.points),
          student.total,
          student.claimedLate ? 'yes' : 'no',
          student.claimedSubmittedAt,
          flagsText(student),
          student.file,
        ]),
      };
    case 'canvas':
      return {
        header: ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', assignment.title],
        rows: students.map((student) => [
          student.name,
          '',
          student.studentId ?? '',
          '',
          '',
          student.total,
        ]),
      };
    case 'moodle':
      return {
        header: ['ID number', 'Full name', assignment.title],
        rows: students.map((student) => [student.studentId ?? '', student.name, student.total]),
      };
    default:
      return assertNever(preset);
  }
}

/** The CSV text (CRLF line ends, as RFC 4180 and Excel expect). */
export function gradesCsv(report: GradeReport, preset: CsvPreset = 'full'): string {
  const { header, rows } = table(report, preset);
  return Papa.unparse(
    { fields: header, data: rows },
    { escapeFormulae: FORMULA_START, newline: '\r\n', quotes: false },
  );
}
