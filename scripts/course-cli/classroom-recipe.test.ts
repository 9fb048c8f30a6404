/**
 * graders/github-classroom/classroom.yml as GitHub Actions runs it: a student's repository checked
 * out at the workspace root (assignment-link.txt, submission.json) with the course checked out in
 * `course/`, and each grader step's own command, read from the workflow file, run from the root.
 * A step passes (exit 0) only when every check of its exercise passes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { assignmentUrl } from '../../src/teach/assignment-link.ts';
import { buildAssignment } from '../../src/teach/build-assignment.ts';
import { catalogById, type Catalog } from '../../src/teach/catalog.ts';
import { loadCatalog } from '../../src/teach/node/exercise-catalog.ts';
import { createSubmission } from '../../src/teach/submission.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

interface GraderStep {
  testName: string;
  command: string;
  maxScore: number;
}

/** The workflow's command-grader steps, as the workflow file spells them. */
function graderSteps(): GraderStep[] {
  const workflow = parseYaml(
    readFileSync(join(repo, 'graders/github-classroom/classroom.yml'), 'utf8'),
  ) as {
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
  };
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .filter((step) => step.uses?.startsWith('classroom-resources/autograding-command-grader'))
    .map((step) => ({
      testName: String(step.with!['test-name']),
      command: String(step.with!.command),
      maxScore: Number(step.with!['max-score']),
    }));
}

/** Runs a step's command from the workspace root; resolves to its exit code and output. */
function runStep(root: string, command: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile('bash', ['-c', command], { cwd: root }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const solution = (lesson: string, id: string, file: 'solution.ts' | 'start.ts') =>
  readFileSync(join(repo, `lessons/${lesson}/exercises/${id}/${file}`), 'utf8');

let catalog: Catalog;
beforeAll(async () => {
  catalog = catalogById(await loadCatalog());
});

describe('GitHub Classroom recipe', () => {
  it('grades submission.json at the repository root, one step per exercise', async () => {
    const steps = graderSteps();
    expect(steps.map((step) => step.testName)).toEqual(['fetch-user', 'timeout-get-json']);
    for (const step of steps) expect(step.maxScore).toBe(catalog.get(step.testName)!.maxPoints);

    const assignment = buildAssignment(
      {
        title: 'Week 3',
        dueLocal: '2026-12-01T23:59',
        timeZone: 'UTC',
        exercises: steps.map((step) => ({ id: step.testName })),
      },
      catalog,
    );
    const root = mkdtempSync(join(tmpdir(), 'classroom-'));
    symlinkSync(repo, join(root, 'course'));
    writeFileSync(
      join(root, 'assignment-link.txt'),
      `${await assignmentUrl('https://course.example/', assignment)}\n`,
    );
    const submission = createSubmission({
      assignment,
      student: { name: 'Ada', id: 's1' },
      exercises: [
        {
          id: 'fetch-user',
          code: solution('03-response-errors', 'fetch-user', 'solution.ts'),
          results: null,
          checkedAt: null,
        },
        {
          id: 'timeout-get-json',
          code: solution('02-timeouts', 'timeout-get-json', 'start.ts'),
          results: null,
          checkedAt: null,
        },
      ],
      startedAt: null,
      siteVersion: 'test',
    });
    writeFileSync(join(root, 'submission.json'), JSON.stringify(submission));

    const [fetchUser, timeout] = await Promise.all(
      steps.map((step) => runStep(root, step.command)),
    );
    expect(fetchUser!.stderr).not.toContain('Cannot read');
    expect(fetchUser!.code, fetchUser!.stderr).toBe(0);
    expect(fetchUser!.stdout).toContain('Ada,s1,8,8');
    // The untouched starter: the step fails (exit 3: graded, short of full points).
    expect(timeout!.code, timeout!.stderr).toBe(3);
  }, 180_000);
});
