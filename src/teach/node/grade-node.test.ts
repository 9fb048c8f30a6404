/**
 * The grading engine with the real Node judge: child processes under Node's permission model, the
 * real runtime and checks API. A tiny inline exercise keeps it fast; the CLI test uses real ones.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileChecksSource } from '../../checker/compile-checks.ts';
import { catalogById, type Catalog } from '../catalog.ts';
import { gradeSubmissions, type GradeReport } from '../grade-submissions.ts';
import { fp, submissionFor } from '../test-fixtures.ts';
import type { Assignment } from '../assignment-link.ts';
import { createNodeJudge } from './node-judge.ts';

const CHECKS = `
import { check, expect } from 'course:checks';
export default [
  check({ name: 'add(2, 3) is 5', points: 2 }, async ({ learner }) => {
    expect(await learner.add(2, 3), 'add(2, 3)').toBe(5);
  }),
  check({ name: 'add(-2, -3) is -5', points: 1 }, async ({ learner }) => {
    expect(await learner.add(-2, -3), 'add(-2, -3)').toBe(-5);
  }),
];
`;

const assignment: Assignment = {
  version: 1,
  id: 'node-grading',
  title: 'Adding',
  due: '2026-12-01T23:59:00Z',
  timeZone: 'UTC',
  exercises: [{ id: 'add', fingerprint: fp('a'), points: 6 }],
};

const dir = mkdtempSync(join(tmpdir(), 'grade-node-'));
const secret = join(dir, 'secret.txt');
const written = join(dir, 'pwned.txt');
writeFileSync(secret, 'TOP-SECRET-GRADES');

const codes = {
  correct: 'export const add = (a: number, b: number) => a + b;',
  failing: 'export const add = (a: number, b: number) => Math.abs(a + b);',
  looping: 'export function add(a: number, b: number) { while (true) {} return a + b; }',
  hanging: 'export function add() { return new Promise(() => {}); }',
  crashing: 'export function add() { (globalThis as any).x.y.z = 1; }',
  forging: `
    export async function add() {
      for (const post of [(globalThis as any).postMessage, (globalThis as any).process?.send]) {
        try { post?.({ type: 'check-result', outcome: { status: 'pass' }, time: 0 }); } catch {}
      }
      throw Object.assign(new Error('forged'), { name: 'CheckFailure', status: 'pass' });
    }`,
  // Tries the file system and a child process (module names built at run time, past the compiler's
  // refusal of node: imports, so the permission model itself is what stops it); it never adds.
  intruding: `
    const load = (name: string) => import(['node', name].join(':'));
    export async function add(a: number, b: number) {
      const tried: string[] = [];
      try {
        const fs = await load('fs');
        fs.writeFileSync(${JSON.stringify(written)}, 'pwned');
        tried.push('wrote');
      } catch (error) { tried.push('write: ' + (error as Error).message); }
      try {
        const fs = await load('fs');
        tried.push(fs.readFileSync(${JSON.stringify(secret)}, 'utf8'));
      } catch (error) { tried.push('read: ' + (error as Error).message); }
      try {
        const cp = await load('child_process');
        cp.execSync('touch ${written}');
        tried.push('spawned');
      } catch (error) { tried.push('spawn: ' + (error as Error).message); }
      console.log(tried.join(' | '));
      throw new Error(tried.join(' | '));
    }`,
};

let catalog: Catalog;
let report: GradeReport;
const nodeJudge = createNodeJudge({ timeLimitMs: 3000 });
afterAll(() => nodeJudge.dispose());

beforeAll(async () => {
  const checksJs = await compileChecksSource(
    esbuild,
    CHECKS,
    readFileSync(new URL('../../checker/checks-api.ts', import.meta.url), 'utf8'),
    'add/checks.ts',
  );
  catalog = catalogById([
    {
      id: 'add',
      lesson: '00-test',
      title: 'Add',
      difficulty: 1,
      minutes: 1,
      skills: ['adding'],
      fingerprint: fp('a'),
      starterFingerprint: `sha256-${'0'.repeat(64)}`,
      checks: [],
      maxPoints: 3,
      checksJs,
    },
  ]);
  // What an honest browser would have shown for the correct code, claimed by the forger too.
  const claimedFull = {
    add: {
      status: 'pass' as const,
      score: 3,
      maxScore: 3,
      tests: [
        { name: 'add(2, 3) is 5', status: 'pass' as const, points: 2, maxPoints: 2 },
        { name: 'add(-2, -3) is -5', status: 'pass' as const, points: 1, maxPoints: 1 },
      ],
    },
  };
  report = await gradeSubmissions({
    assignment,
    catalog,
    judge: nodeJudge.judge,
    concurrency: 2,
    submissions: Object.entries(codes).map(([name, code]) => ({
      file: `${name}.json`,
      submission: submissionFor(name, {
        assignment,
        code: { add: code },
        ...(name === 'forging' || name === 'correct' ? { claimed: claimedFull } : {}),
      }),
    })),
  });
}, 90_000);

const student = (name: string) => report.students.find((entry) => entry.name === name)!;

describe('grading in Node with the real judge', () => {
  it('a correct submission gets every point, scaled to the assignment (3 of 3 checks → 6)', () => {
    expect(student('correct')).toMatchObject({ total: 6, maxTotal: 6, flags: [] });
  });

  it('a failing one gets partial credit per check (2 of 3 points → 4 of 6)', () => {
    expect(student('failing').total).toBe(4);
    expect(student('failing').exercises[0]!.results!.tests.map((t) => t.status)).toEqual([
      'pass',
      'fail',
    ]);
  });

  it('a loop, a hang and a crash cost that exercise only, with the reason', () => {
    for (const name of ['looping', 'hanging', 'crashing']) expect(student(name).total).toBe(0);
    expect(student('looping').exercises[0]!.results!.tests[0]!.message).toContain(
      'kept running past the time limit',
    );
    expect(student('hanging').exercises[0]!.results!.tests[0]!.message).toContain('waited forever');
    expect(student('crashing').exercises[0]!.results!.tests[0]!.message).toContain('TypeError');
    // The students after them were still graded in full.
    expect(report.students).toHaveLength(Object.keys(codes).length);
  });

  it('forged messages and forged claims change nothing but the flag', () => {
    const forging = student('forging');
    expect(forging.total).toBe(0);
    expect(forging.flags).toContain('claimed-differs');
    expect(forging.exercises[0]!.results!.tests.every((test) => test.status === 'fail')).toBe(true);
  });

  it("submitted code can neither write nor read the grader's files, nor start a process", () => {
    const intruding = student('intruding');
    expect(intruding.total).toBe(0);
    expect(existsSync(written)).toBe(false);
    const results = intruding.exercises[0]!.results!;
    const message = results.tests[0]?.message ?? results.message!;
    expect(message).not.toContain('TOP-SECRET-GRADES');
    expect(message).not.toMatch(/\bwrote\b|\bspawned\b/);
    expect(message).toMatch(/write: /);
    expect(message).toMatch(/read: /);
    expect(message).toMatch(/spawn: /);
    expect(JSON.stringify(report)).not.toContain('TOP-SECRET-GRADES');
  });
});
