/**
 * `npm run grade` end to end in-process: real exercises from lessons/, real child-process judge.
 * One exercise per run keeps it short (--exercise).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import Papa from 'papaparse';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  assignmentUrl,
  decodeAssignmentLink,
  type Assignment,
} from '../../src/teach/assignment-link.ts';
import { buildAssignment } from '../../src/teach/build-assignment.ts';
import { catalogById } from '../../src/teach/catalog.ts';
import { loadCatalog } from '../../src/teach/node/exercise-catalog.ts';
import { createSubmission } from '../../src/teach/submission.ts';
import { deeplyNestedSubmissionText } from '../../src/teach/test-fixtures.ts';
import { EXIT, runGradeCli } from './grade.ts';

const ID = 'timeout-get-json';
const folder = new URL(`../../lessons/02-timeouts/exercises/${ID}/`, import.meta.url);
const solution = readFileSync(new URL('solution.ts', folder), 'utf8');
const starter = readFileSync(new URL('start.ts', folder), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'grade-cli-'));
let link: string;
let assignment: Assignment;

function save(name: string, code: string, student: { name: string; id?: string }): string {
  const file = join(dir, name);
  const submission = createSubmission({
    assignment,
    student,
    exercises: [{ id: ID, code, results: null, checkedAt: null }],
    startedAt: null,
    submittedAt: '2026-12-01T12:00:00Z',
    siteVersion: 'test',
  });
  writeFileSync(file, JSON.stringify(submission));
  return file;
}

let stderr: string[];
beforeAll(async () => {
  const catalog = catalogById(await loadCatalog());
  assignment = buildAssignment(
    {
      title: 'Week 2',
      dueLocal: '2026-12-01T23:59',
      timeZone: 'Europe/Berlin',
      exercises: [{ id: ID }, { id: 'fetch-user' }],
    },
    catalog,
  );
  link = await assignmentUrl('https://course.example/', assignment);
});
afterEach(() => vi.restoreAllMocks());
function captureStderr() {
  stderr = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void stderr.push(line));
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk) => (stderr.push(String(chunk)), true),
  );
}

describe('npm run grade', () => {
  it('grades good files, explains the malformed one, shows both files of one student, exits 1, and prints CSV', async () => {
    const ada = save('ada.json', solution, { name: 'Ada', id: 's1' });
    const bob = save('bob.json', starter, { name: 'Bob' });
    const bobAgain = save('bob-again.json', solution, { name: 'bob' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "kind": ');
    captureStderr();
    const result = await runGradeCli([
      '--assignment',
      link,
      '--exercise',
      ID,
      ada,
      bob,
      bobAgain,
      bad,
    ]);
    expect(result.code).toBe(EXIT.refused);
    expect(stderr.join('\n')).toContain(`${bad}: the file is not JSON`);
    expect(stderr.join('\n')).toContain(
      `${bob} and ${bobAgain} are the same student (Bob): each is graded and flagged "duplicate"`,
    );
    expect(stderr.some((line) => line.startsWith('Grading: 3 of 3 exercises re-run'))).toBe(true);
    const at = '2026-12-01T12:00:00Z';
    expect(Papa.parse(result.output!, { skipEmptyLines: true }).data).toEqual([
      [
        'Name',
        'Student ID',
        ID,
        'Total',
        "Late (student's claim)",
        "Submitted at (student's claim)",
        'Flags',
        'File',
      ],
      ['Ada', 's1', '10', '10', 'no', at, '', ada],
      ['Bob', '', '0', '0', 'no', at, 'not-attempted duplicate', bob],
      ['bob', '', '10', '10', 'no', at, 'duplicate', bobAgain],
    ]);
  }, 180_000);

  it('--format gradescope writes a results.json that validates; --require-full exits 3 when short', async () => {
    const ada = save('ada.json', solution, { name: 'Ada', id: 's1' });
    const out = join(dir, 'results.json');
    captureStderr();
    const result = await runGradeCli([
      '--assignment',
      link,
      '--exercise',
      ID,
      '--format',
      'gradescope',
      '--out',
      out,
      ada,
    ]);
    expect(result).toEqual({ code: EXIT.ok });
    const results = JSON.parse(readFileSync(out, 'utf8'));
    const schema = JSON.parse(
      readFileSync(
        new URL('../../src/teach/gradescope-results.schema.json', import.meta.url),
        'utf8',
      ),
    );
    const validate = new Ajv2020({ strictRequired: false }).compile(schema);
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    expect(results.score).toBe(10);
    expect(results.tests).toHaveLength(8);

    const bob = save('bob.json', starter, { name: 'Bob' });
    const summary = join(dir, 'summary.csv');
    const short = await runGradeCli([
      '--assignment',
      link,
      '--exercise',
      ID,
      '--require-full',
      '--format',
      'json',
      '--summary',
      summary,
      bob,
    ]);
    expect(short.code).toBe(EXIT.notFull);
    const report = JSON.parse(short.output!);
    expect(report.students[0].total).toBe(0);
    // The class overview rides along in the JSON, and --summary writes it as CSV (with a BOM).
    expect(report.overview.exercises[0]).toMatchObject({
      id: ID,
      notAttempted: [{ file: bob, name: 'Bob' }],
      attempted: [],
    });
    const rows = Papa.parse<string[]>(readFileSync(summary, 'utf8').replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    expect(rows.find((row) => row[0] === 'not-attempted')).toEqual([
      'not-attempted',
      ID,
      '',
      '1',
      '1',
      '',
      'Bob',
      '',
    ]);
  }, 180_000);

  it('a 5,000-deep file is refused with its reason and every format still grades the others', async () => {
    const ada = save('ada.json', solution, { name: 'Ada', id: 's1' });
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, deeplyNestedSubmissionText(JSON.parse(readFileSync(ada, 'utf8'))));
    const reason = `${deep}: the file nests lists and objects more than 12 levels deep`;
    captureStderr();
    const grade = (...args: string[]) =>
      runGradeCli(['--assignment', link, '--exercise', ID, ...args]);

    const csv = await grade('--format', 'csv', deep, ada);
    expect(csv.code).toBe(EXIT.refused);
    expect(stderr.join('\n')).toContain(reason);
    expect(csv.output).toContain('Ada,s1,10,10,');

    const json = await grade('--format', 'json', deep, ada);
    expect(json.code).toBe(EXIT.refused);
    const report = JSON.parse(json.output!);
    expect(report.students.map((student: { name: string }) => student.name)).toEqual(['Ada']);
    // The refused file is not in the overview's counts: only graded files are.
    expect(report.overview.graded).toBe(1);
    expect(
      report.overview.exercises[0].checks.map((check: { passRate: number }) => check.passRate),
    ).toEqual(Array(8).fill(1));
    expect(report.refused).toEqual([
      expect.objectContaining({
        file: deep,
        reason: 'too-deep',
        message: expect.stringContaining(reason),
      }),
    ]);

    const alone = await grade('--format', 'gradescope', deep);
    expect(alone.code).toBe(EXIT.refused);
    const refusedResults = JSON.parse(alone.output!);
    expect(refusedResults.score).toBe(0);
    expect(refusedResults.output).toContain('more than 12 levels deep');
    const beside = JSON.parse((await grade('--format', 'gradescope', deep, ada)).output!);
    expect(beside.score).toBe(10);
  }, 180_000);

  it("Gradescope: two uploaded files get a message for the student; a placeholder link is the teacher's problem", async () => {
    const ada = save('ada.json', solution, { name: 'Ada', id: 's1' });
    const again = save('ada-2.json', solution, { name: 'Ada', id: 's1' });
    captureStderr();
    const two = await runGradeCli(['--assignment', link, '--format', 'gradescope', ada, again]);
    expect(two.code).toBe(EXIT.refused);
    const twoResults = JSON.parse(two.output!);
    expect(twoResults.score).toBe(0);
    expect(twoResults.output).toMatch(
      /^You uploaded 2 submission files \(ada\.json, ada-2\.json\), and one student hands in one\. Upload again with only one file/,
    );
    expect(twoResults.output).not.toContain('Usage');

    const out = join(dir, 'setup.json');
    const placeholder = await runGradeCli([
      '--assignment',
      'PASTE-THE-ASSIGNMENT-LINK-HERE',
      '--format',
      'gradescope',
      '--out',
      out,
      ada,
    ]);
    expect(placeholder.code).toBe(EXIT.usage);
    const setup = JSON.parse(readFileSync(out, 'utf8'));
    expect(setup.score).toBe(0);
    expect(setup.output).toContain('This is not a problem with your file: tell your teacher');
    expect(setup.output).toContain(
      'For the teacher: The assignment link is "PASTE-THE-ASSIGNMENT-LINK-HERE", which is not a link',
    );

    // CSV starts with a byte order mark (Excel), and the LMS presets name rows without an ID.
    const bob = save('bob.json', starter, { name: 'Bob' });
    const csv = await runGradeCli([
      '--assignment',
      link,
      '--exercise',
      ID,
      '--preset',
      'moodle',
      bob,
    ]);
    expect(csv.output!.startsWith('\uFEFFID number,Full name,Week 2')).toBe(true);
    expect(stderr.join('\n')).toContain(
      '1 of 1 rows have no student ID, so Moodle cannot match them: Bob.',
    );
  }, 180_000);

  it('usage errors, a broken link and changed checks exit 2 with the reason', async () => {
    captureStderr();
    expect((await runGradeCli([join(dir, 'ada.json')])).code).toBe(EXIT.usage);
    expect(stderr.join('\n')).toContain('--assignment');
    expect((await runGradeCli(['--assignment', `${link.slice(0, -30)}`, dir])).code).toBe(
      EXIT.usage,
    );
    expect(stderr.join('\n')).toContain('damaged or incomplete');

    const decoded = await decodeAssignmentLink(link);
    if (!decoded.ok) throw new Error(decoded.message);
    const stale = await assignmentUrl('https://course.example/', {
      ...decoded.assignment,
      exercises: decoded.assignment.exercises.map((e) => ({
        ...e,
        fingerprint: `sha256-${'0'.repeat(64)}`,
      })),
    });
    const notJson = join(dir, 'notes.json');
    writeFileSync(notJson, 'hello');
    expect((await runGradeCli(['--assignment', stale, notJson])).code).toBe(EXIT.usage);
    expect(stderr.join('\n')).toContain('changed after this assignment was made');
    expect(stderr.join('\n')).toContain('--accept-changed-checks');
    // Accepting the change goes on to read the files (this one is refused, so exit 1).
    expect(
      (await runGradeCli(['--assignment', stale, '--accept-changed-checks', notJson])).code,
    ).toBe(EXIT.refused);
  }, 60_000);
});
