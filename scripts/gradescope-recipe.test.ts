/**
 * graders/gradescope/run_autograder as Gradescope runs it, in a temporary /autograder layout whose
 * `course` is this repository: a real submission gets a results.json that validates, and a broken
 * setup still gives the student a results.json with the reason.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { assignmentUrl } from '../src/teach/assignment-link.ts';
import { buildAssignment } from '../src/teach/build-assignment.ts';
import { catalogById } from '../src/teach/catalog.ts';
import { loadCatalog } from '../src/teach/node/exercise-catalog.ts';
import { createSubmission } from '../src/teach/submission.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const script = join(repo, 'graders/gradescope/run_autograder');
const schema = JSON.parse(
  readFileSync(join(repo, 'src/teach/gradescope-results.schema.json'), 'utf8'),
);
const validate = new Ajv2020({ strictRequired: false }).compile(schema);

async function autograde(link: string, submission: string | null) {
  const root = mkdtempSync(join(tmpdir(), 'autograder-'));
  mkdirSync(join(root, 'source'));
  mkdirSync(join(root, 'submission'));
  symlinkSync(repo, join(root, 'course'));
  writeFileSync(join(root, 'source/assignment-link.txt'), `${link}\n`);
  if (submission !== null) writeFileSync(join(root, 'submission/submission.json'), submission);
  await promisify(execFile)('bash', [script], { env: { ...process.env, AUTOGRADER: root } });
  return JSON.parse(readFileSync(join(root, 'results/results.json'), 'utf8'));
}

describe('Gradescope recipe', () => {
  it('grades an uploaded submission into a results.json that validates', async () => {
    const catalog = catalogById(await loadCatalog());
    const assignment = buildAssignment(
      {
        title: 'Week 2',
        dueLocal: '2026-12-01T23:59',
        timeZone: 'UTC',
        exercises: [{ id: 'timeout-get-json', points: 10 }],
      },
      catalog,
    );
    const code = readFileSync(
      join(repo, 'lessons/02-timeouts/exercises/timeout-get-json/solution.ts'),
      'utf8',
    );
    const submission = createSubmission({
      assignment,
      student: { name: 'Ada' },
      exercises: [{ id: 'timeout-get-json', code, results: null, checkedAt: null }],
      startedAt: null,
      siteVersion: 'test',
    });
    const results = await autograde(
      await assignmentUrl('https://course.example/', assignment),
      JSON.stringify(submission),
    );
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    expect(results.score).toBe(10);
    expect(results.tests.every((test: { status: string }) => test.status === 'passed')).toBe(true);
  }, 120_000);

  it('a broken link still writes a results.json that says why', async () => {
    const results = await autograde('https://course.example/teach/assignment/#a=broken!', '{}');
    expect(validate(results)).toBe(true);
    expect(results.score).toBe(0);
    expect(results.output).toContain('This assignment link could not be opened');
  }, 60_000);
});
