import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSubmissionFiles, type FileVerdict } from './submission-files.ts';
import { submissionJsonSchema } from './submission-json-schema.ts';
import { createSubmission } from './submission.ts';
import { deeplyNestedSubmissionText, fp, submissionFor, testAssignment } from './test-fixtures.ts';

const file = (name: string, value: unknown) => ({
  name,
  text: typeof value === 'string' ? value : JSON.stringify(value),
});

function refusal(verdict: FileVerdict | undefined) {
  if (!verdict || verdict.ok) throw new Error(`expected a refusal, got ${JSON.stringify(verdict)}`);
  return verdict;
}

describe('submission files', () => {
  it('accepts a good file', () => {
    const [verdict] = readSubmissionFiles([file('ada.json', submissionFor('Ada'))], testAssignment);
    expect(verdict).toMatchObject({ ok: true, file: 'ada.json' });
  });

  it('computes late against the due date when the page creates a submission', () => {
    expect(submissionFor('Ada', { submittedAt: '2026-12-01T22:58:00Z' }).late).toBe(false);
    expect(submissionFor('Ada', { submittedAt: '2026-12-01T23:00:00Z' }).late).toBe(true);
  });

  it('refuses each kind of bad file with a message naming it, and still accepts the others', () => {
    const other = { ...testAssignment, id: 'other-assignment', title: 'Week 9' };
    const changed = {
      ...testAssignment,
      exercises: [testAssignment.exercises[0]!, { id: 'beta', fingerprint: fp('c') }],
    };
    const verdicts = readSubmissionFiles(
      [
        file('good.json', submissionFor('Grace')),
        file('notes.txt', 'Dear teacher, {'),
        file('package.json', { name: 'x', version: '1.0.0' }),
        file('broken.json', { ...submissionFor('Alan'), student: { name: '' } }),
        file('week9.json', submissionFor('Edsger', { assignment: other })),
        file('old-link.json', submissionFor('Barbara', { assignment: changed })),
        { name: 'huge.json', text: '', size: 1_500_000 },
        file('future.json', { ...submissionFor('Linus'), version: 2 }),
      ],
      testAssignment,
    );
    expect(verdicts[0]!.ok).toBe(true);
    const messages = verdicts.slice(1).map((verdict) => refusal(verdict));
    expect(messages.map((verdict) => verdict.reason)).toEqual([
      'not-json',
      'not-submission',
      'not-submission',
      'other-assignment',
      'changed-checks',
      'oversized',
      'newer-version',
    ]);
    for (const verdict of messages)
      expect(verdict.message.startsWith(`${verdict.file}: `)).toBe(true);
    expect(messages[0]!.message).toContain('not JSON');
    expect(messages[1]!.message).toContain('not a course submission');
    expect(messages[2]!.message).toContain('student.name');
    expect(messages[3]!.message).toContain('another assignment ("Week 9"');
    expect(messages[4]!.message).toContain("do not match this assignment's link for beta");
    expect(messages[5]!.message).toContain('1.5 MB, over the 1 MB limit');
    expect(messages[6]!.message).toContain('newer version');
  });

  it('refuses a 5,000-deep array in the claimed results and unknown keys, and reads the rest', () => {
    const claimed = { status: 'pass', score: 1, maxScore: 1, tests: [] } as const;
    const good = submissionFor('Grace');
    const withKey = (where: 'root' | 'results' | 'test' | 'student') => {
      const value = structuredClone(submissionFor('Alan')) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (where === 'root') value.grade = 100;
      if (where === 'student') value.student.teacherNote = 'full marks';
      if (where === 'results') value.exercises[0].results = { ...claimed, override: 7 };
      if (where === 'test')
        value.exercises[0].results = {
          ...claimed,
          tests: [{ name: 'x', status: 'pass', points: 1, maxPoints: 1, secret: [] }],
        };
      return value;
    };
    const deep = deeplyNestedSubmissionText(submissionFor('Mallory'));
    expect(deep.length).toBeGreaterThan(10_000);
    const verdicts = readSubmissionFiles(
      [
        file('deep.json', deep),
        file('root-key.json', withKey('root')),
        file('student-key.json', withKey('student')),
        file('results-key.json', withKey('results')),
        file('test-key.json', withKey('test')),
        file('long-title.json', {
          ...good,
          assignment: { ...good.assignment, title: 'x'.repeat(201) },
        }),
        file('good.json', good),
      ],
      testAssignment,
    );
    expect(verdicts.at(-1)).toMatchObject({ ok: true, file: 'good.json' });
    const refused = verdicts.slice(0, -1).map((verdict) => refusal(verdict));
    expect(refused.map((verdict) => verdict.reason)).toEqual([
      'too-deep',
      ...Array(5).fill('not-submission'),
    ]);
    expect(refused[0]!.message).toMatch(/^deep\.json: .*more than 12 levels deep/);
    expect(refused[1]!.message).toContain('"grade"');
    expect(refused[2]!.message).toContain('student: Unrecognized key: "teacherNote"');
    expect(refused[3]!.message).toContain('exercises.0.results: Unrecognized key: "override"');
    expect(refused[4]!.message).toContain('"secret"');
    expect(refused[5]!.message).toContain('assignment.title');
  });

  it('accepts two files from the same student: neither is resolved by its own clock', () => {
    const verdicts = readSubmissionFiles(
      [
        file(
          'ada-2099.json',
          submissionFor('Ada L', { id: 'S1', submittedAt: '2099-01-01T00:00:00Z' }),
        ),
        file('ada.json', submissionFor('Ada Lovelace', { id: 's1 ' })),
      ],
      testAssignment,
    );
    expect(verdicts.map((verdict) => verdict.ok)).toEqual([true, true]);
  });
});

describe('submission schema', () => {
  it('the committed submission.schema.json is the one generated from the zod schema', () => {
    const committed = JSON.parse(
      readFileSync(new URL('./submission.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(submissionJsonSchema());
  });

  it('a created submission validates against the JSON Schema with ajv', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(submissionJsonSchema());
    const submission = createSubmission({
      assignment: testAssignment,
      student: { name: 'Ada', id: 's1' },
      exercises: [{ id: 'alpha', code: 'x', results: null, checkedAt: null }],
      startedAt: '2026-12-01T10:00:00+01:00',
      siteVersion: '0.1.0',
    });
    expect(validate(submission), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...submission, extra: 1 })).toBe(false);
  });
});
