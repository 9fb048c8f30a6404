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
 *
 * Canvas fills an existing assignment only when the column is named exactly as Canvas's own export
 * names it, "Title (id)" (e.g. "Week 3 (12345)"); a plain title makes a new assignment. `column`
 * sets that name. Rows without a student ID cannot be matched by Canvas or Moodle: missingIdWarning
 * says which. Files get CSV_BOM in front so Excel reads UTF-8 names correctly.
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

export type Cell = string | number;

/** The UTF-8 byte order mark: without it Excel reads a CSV as the system's code page (Zoë → ZoÃ«). */
export const CSV_BOM = '\uFEFF';

export interface CsvOptions {
  /** The grade column's header in the canvas and moodle presets. @default the assignment title */
  column?: string;
}

/** For the LMS presets: which rows have no student ID (the LMS cannot match them), or null. */
export function missingIdWarning(report: GradeReport, preset: CsvPreset): string | null {
  if (preset === 'full') return null;
  const missing = report.students.filter((student) => !student.studentId);
  if (missing.length === 0) return null;
  const lms = preset === 'canvas' ? 'Canvas' : 'Moodle';
  return `${missing.length} of ${report.students.length} rows have no student ID, so ${lms} cannot match them: ${missing.map((student) => student.name).join(', ')}. Fill in their IDs in the CSV before importing, or ask those students to download their submission again with their ID.`;
}

function flagsText(student: StudentGrade): string {
  return student.flags.join(' ');
}

function table(
  report: GradeReport,
  preset: CsvPreset,
  options: CsvOptions,
): { header: string[]; rows: Cell[][] } {
  const { assignment, students } = report;
  const column = options.column?.trim() || assignment.title;
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
        header: ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', column],
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
        header: ['ID number', 'Full name', column],
        rows: students.map((student) => [student.studentId ?? '', student.name, student.total]),
      };
    default:
      return assertNever(preset);
  }
}

/** The CSV text (CRLF line ends, as RFC 4180 and Excel expect). */
export function gradesCsv(
  report: GradeReport,
  preset: CsvPreset = 'full',
  options: CsvOptions = {},
): string {
  const { header, rows } = table(report, preset, options);
  return csvText(header, rows);
}

/** Any table as this module's CSV: CRLF line ends, formula cells neutralised (no BOM). */
export function csvText(header: string[], rows: Cell[][]): string {
  return Papa.unparse(
    { fields: header, data: rows },
    { escapeFormulae: FORMULA_START, newline: '\r\n', quotes: false },
  );
}
