/**
 * graders/gradescope/run_autograder as Gradescope runs it, in a temporary /autograder layout whose
 * `course` is this repository: a real submission gets a results.json that validates, and a broken
 * setup still gives the student a results.json with the reason.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { assignmentUrl } from '../../src/teach/assignment-link.ts';
import { buildAssignment } from '../../src/teach/build-assignment.ts';
import { catalogById } from '../../src/teach/catalog.ts';
import { loadCatalog } from '../../src/teach/node/exercise-catalog.ts';
import { createSubmission } from '../../src/teach/submission.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
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

  it("the placeholder link left in assignment-link.txt is reported as the teacher's setup problem", async () => {
    const placeholder = readFileSync(join(repo, 'graders/gradescope/assignment-link.txt'), 'utf8');
    const results = await autograde(placeholder, '{}');
    expect(validate(results)).toBe(true);
    expect(results.score).toBe(0);
    expect(results.output).toContain('This is not a problem with your file: tell your teacher');
    expect(results.output).toContain('PASTE-THE-ASSIGNMENT-LINK-HERE');
  }, 60_000);

  it('setup.sh runs outside Gradescope with its overrides: clones the course at COURSE_REF and installs it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'autograder-setup-'));
    mkdirSync(join(root, 'source'));
    copyFileSync(join(repo, 'graders/gradescope/config.sh'), join(root, 'source/config.sh'));
    // A stand-in npm records the install instead of downloading every dependency again.
    const bin = join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "$PWD npm $*" >> "$AUTOGRADER/npm.log"\n');
    chmodSync(join(bin, 'npm'), 0o755);
    const { stdout } = await promisify(execFile)(
      'bash',
      [join(repo, 'graders/gradescope/setup.sh')],
      {
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          AUTOGRADER: root,
          SKIP_SYSTEM_INSTALL: '1',
          COURSE_REPO: repo,
          COURSE_REF: 'HEAD',
        },
      },
    );
    expect(stdout).toMatch(/^v\d+\./m);
    expect(existsSync(join(root, 'course/graders/gradescope/setup.sh'))).toBe(true);
    expect(readFileSync(join(root, 'npm.log'), 'utf8').trim()).toBe(
      `${join(root, 'course')} npm ci --no-audit --no-fund`,
    );
  }, 120_000);
});
