/**
 * Judging in the Node host with a real exercise (fetch-user): the solution passes, a planted mistake
 * fails the check it is about with a message that says why, and the results match their schema.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeRunner } from '../runner/node/node-host.ts';
import { compileChecks, findExercises, type ExerciseFiles } from './exercises.ts';
import { judge, type Results } from './judge.ts';
import { createListingStore } from './node/listing-store.ts';
import { runCountingAnswer } from './run-counting-answer.ts';

const runner = createNodeRunner();
afterAll(() => runner.dispose());

let exercise: ExerciseFiles;
let checksJs: string;
beforeAll(async () => {
  exercise = findExercises().find((entry) => entry.id === 'fetch-user')!;
  checksJs = await compileChecks(exercise);
});

const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(new URL('./results.schema.json', import.meta.url), 'utf8')) as object,
);

function statusByName(results: Results): Record<string, string> {
  return Object.fromEntries(results.tests.map((test) => [test.name, test.status]));
}

describe('judge', () => {
  it('passes the solution on every check, on the virtual clock, in the documented format', async () => {
    const results = await judge(runner, exercise.solution, { exercise: 'fetch-user', checksJs });
    expect(results.status).toBe('pass');
    expect(results.score).toBe(results.maxScore);
    expect(results.tests.length).toBeGreaterThanOrEqual(6);
    const hang = results.tests.find((test) => test.name.includes('hangs'))!;
    expect(hang.clockMs).toBe(10_000);
    expect(hang.code).toContain('RequestTimeoutError');
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
  });

  it('fails the timeout check of code without a deadline, saying the request had no signal', async () => {
    const noDeadline = exercise.solution.replace(
      /,\s*\{\s*signal: AbortSignal\.timeout\(10_000\),?\s*\}/,
      '',
    );
    expect(noDeadline).not.toContain('AbortSignal.timeout');
    const results = await judge(runner, noDeadline, { exercise: 'fetch-user', checksJs });
    const hang = results.tests.find((test) => test.name.includes('hangs'))!;
    expect(hang.status).toBe('fail');
    expect(hang.message).toMatch(/waited forever: GET \/users\/1 has no signal/);
    expect(statusByName(results)['returns the user for id 1']).toBe('pass');
    expect(results.status).toBe('fail');
  });

  it('stops when its signal aborts: the running check and the rest are errors, never failures', async () => {
    const looping = exercise.solution.replace(
      'export async function fetchUser(id: number): Promise<User> {',
      'export async function fetchUser(id: number): Promise<User> {\n  while (id === 99999) {}',
    );
    expect(looping).toContain('while (id === 99999)');
    const stop = new AbortController();
    // The second check (a 404 for id 99999) would loop for its 60 s limit; Stop ends the judgement.
    const results = await judge(runner, looping, {
      exercise: 'fetch-user',
      checksJs,
      timeLimitMs: 60_000,
      signal: stop.signal,
      onResult: (_test, index) => {
        if (index === 0) setTimeout(() => stop.abort(), 500);
      },
    });
    expect(results.status).toBe('error');
    expect(results.tests.length).toBeGreaterThanOrEqual(6);
    expect(results.score).toBe(results.tests[0]!.points);
    expect(results.tests[0]!.status).toBe('pass');
    expect(results.tests[1]!.message).toBe('Stopped before the check finished.');
    expect(new Set(results.tests.slice(2).map((test) => test.message))).toEqual(
      new Set(['Stopped before this check ran.']),
    );
  });

  it('stops while the checks are still being listed, without waiting for the listing', async () => {
    const stop = new AbortController();
    // A checks module not listed before (the listing is kept per module), so its listing must run.
    const judging = judge(runner, exercise.solution, {
      exercise: 'fetch-user',
      checksJs: `${checksJs}\n// listed afresh for this test\n`,
      signal: stop.signal,
    });
    stop.abort();
    const results = await judging;
    expect(results.status).toBe('error');
    expect(results.message).toBe('Stopped before the checks were listed.');
    expect(results.tests).toEqual([]);
  });

  it('a loop at the top level fails every check, spending the time limit once, not once per check', async () => {
    const results = await judge(runner, `${exercise.solution}\nwhile (true) {}\n`, {
      exercise: 'fetch-user',
      checksJs,
      timeLimitMs: 1000,
    });
    expect(results.status).toBe('fail');
    expect(results.score).toBe(0);
    expect(results.tests.length).toBeGreaterThanOrEqual(6);
    for (const test of results.tests) {
      expect(test.status).toBe('fail');
      expect(test.message).toMatch(/loop that never ends.*never finished loading/);
    }
    // Only the first check ran: the others have no requests and no clock of their own.
    expect(results.tests.slice(1).every((test) => (test.network ?? []).length === 0)).toBe(true);
  });

  it('code stuck in its top level cannot claim it loaded, through any channel it can reach', async () => {
    // Hostile: it announces program-loaded every way a sandbox might talk to its host, then loops.
    const forging = `${exercise.solution}
const claim = { type: 'program-loaded' };
for (const post of [(globalThis as any).postMessage, (globalThis as any).self?.postMessage,
  (globalThis as any).process?.send, (globalThis as any).parent?.postMessage]) {
  try { post?.(claim); } catch {}
  try { post?.(claim, '*'); } catch {}
}
while (true) {}
`;
    const results = await judge(runner, forging, {
      exercise: 'fetch-user',
      checksJs,
      timeLimitMs: 1000,
    });
    expect(results.score).toBe(0);
    for (const test of results.tests) expect(test.message).toMatch(/never finished loading/);
  });

  it('a loop inside the exported function costs only the checks that reach it', async () => {
    const looping = exercise.solution.replace(
      'export async function fetchUser(id: number): Promise<User> {',
      'export async function fetchUser(id: number): Promise<User> {\n  while (id === 99999) {}',
    );
    const results = await judge(runner, looping, {
      exercise: 'fetch-user',
      checksJs,
      timeLimitMs: 1000,
    });
    expect(results.tests[0]!.status).toBe('pass');
    expect(results.tests.filter((test) => test.status === 'pass').length).toBeGreaterThan(1);
    expect(results.tests.some((test) => /loop that never ends/.test(test.message ?? ''))).toBe(
      true,
    );
  });

  it('calls a missing export an error, not a failed check, and says what to keep', async () => {
    const results = await judge(runner, 'export const nothing = 1;', {
      exercise: 'fetch-user',
      checksJs,
    });
    expect(results.status).toBe('error');
    expect(results.tests[0]!.message).toMatch(/does not export `fetchUser`/);
  });

  it('cannot be fooled by a global the checks read: a fake Object.is that calls everything equal', async () => {
    const forged = `
      const real = Object;
      const fake: any = function (...args: unknown[]) { return (real as any)(...args); };
      for (const key of real.getOwnPropertyNames(real)) { try { fake[key] = (real as any)[key]; } catch {} }
      fake.is = () => true;
      (globalThis as any).Object = fake;
      ${exercise.start}`;
    const results = await judge(runner, forged, { exercise: 'fetch-user', checksJs });
    expect(results.score).toBe(0);
    expect(results.status).toBe('error');
    expect(results.tests.length).toBeGreaterThan(0);
    for (const test of results.tests) {
      expect(test.message).toMatch(/Cannot assign to read only property 'Object'/);
    }
  });

  it("runs one judgement's checks in one sandbox, and the next judgement in another", async () => {
    let booted = 0;
    const counted = createNodeRunner({ spares: 0, onBoot: () => (booted += 1) });
    try {
      const results = await judge(counted, exercise.solution, { exercise: 'fetch-user', checksJs });
      expect(results.status).toBe('pass');
      expect(results.tests.length).toBeGreaterThan(1);
      expect(booted).toBe(1);
      // The same code again, as another student's: never in the sandbox the first one ran in.
      const again = await judge(counted, exercise.solution, { exercise: 'fetch-user', checksJs });
      expect(again.score).toBe(results.score);
      expect(booted).toBe(2);
    } finally {
      counted.dispose();
    }
  });

  it('a check that does not finish cleanly takes the sandbox with it: the next check gets a fresh one', async () => {
    let booted = 0;
    const counted = createNodeRunner({ spares: 0, onBoot: () => (booted += 1) });
    try {
      // No deadline: the hang check waits forever, and everything after it runs in a new sandbox.
      const noDeadline = exercise.solution.replace(
        /,\s*\{\s*signal: AbortSignal\.timeout\(10_000\),?\s*\}/,
        '',
      );
      const results = await judge(counted, noDeadline, { exercise: 'fetch-user', checksJs });
      const hang = results.tests.findIndex((test) => test.message?.includes('waited forever'));
      expect(hang).toBeGreaterThanOrEqual(0);
      expect(booted).toBe(hang === results.tests.length - 1 ? 1 : 2);
    } finally {
      counted.dispose();
    }
  });

  it('a wrong answer that behaves only once it finds an earlier run of itself scores 0', async () => {
    const counting = runCountingAnswer(exercise.solution);
    const results = await judge(runner, counting, { exercise: 'fetch-user', checksJs });
    expect(results.score).toBe(0);
    expect(results.tests.every((test) => test.status !== 'pass')).toBe(true);
  });

  it('calls code that does not compile an error', async () => {
    const results = await judge(runner, 'export const = ;', { exercise: 'fetch-user', checksJs });
    expect(results.status).toBe('error');
    expect(results.message).toMatch(/does not compile/);
  });

  it('carries the waits a check expects into its result, dropping ones it cannot draw', async () => {
    const withWaits = await compileChecks({
      ...exercise,
      checks: `import { check, expect } from 'course:checks';
export default [
  check(
    {
      name: 'waits',
      expectedWaits: [
        { attempt: 2, minMs: 3000, maxMs: 4000, reason: 'Retry-After: 3' },
        { attempt: 1, minMs: 5, reason: 'there is no wait before a first attempt' },
        { attempt: 3, minMs: 9, maxMs: 2, reason: 'a range that ends before it starts' },
      ],
    },
    async ({ learner }) => expect((await learner.fetchUser(1)).id, 'id').toBe(1),
  ),
  check({ name: 'no waits' }, async () => {}),
];
`,
    });
    const results = await judge(runner, exercise.solution, {
      exercise: 'fetch-user',
      checksJs: withWaits,
    });
    expect(results.tests.map((test) => test.expectedWaits)).toEqual([
      [{ attempt: 2, minMs: 3000, maxMs: 4000, reason: 'Retry-After: 3' }],
      undefined,
    ]);
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a later command reads the check list from the store, and boots one sandbox for the checks', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'check-lists-'));
    // Another checks module than the other tests', so this process has not listed it yet.
    const ownChecks = `${checksJs}\n// listed by the store test\n`;
    try {
      let booted = 0;
      const first = createNodeRunner({ spares: 0, onBoot: () => (booted += 1) });
      const listed = await judge(first, exercise.solution, {
        exercise: 'fetch-user',
        checksJs: ownChecks,
        listingStore: createListingStore(folder),
      });
      first.dispose();
      expect(listed.status).toBe('pass');
      // Listing runs no learner code: its sandbox goes on to judge the checks.
      expect(booted).toBe(1);
      expect(readdirSync(folder)).toHaveLength(1);
      const listFile = join(folder, readdirSync(folder)[0]!);
      const storedNames = () =>
        (JSON.parse(readFileSync(listFile, 'utf8')) as { name: string }[]).map(({ name }) => name);
      expect(storedNames()).toEqual(listed.tests.map((test) => test.name));

      // A new process: nothing listed in memory.
      vi.resetModules();
      const later = await import('./judge.ts');
      booted = 0;
      const second = createNodeRunner({ spares: 2, onBoot: () => (booted += 1) });
      const results = await later.judge(second, exercise.solution, {
        exercise: 'fetch-user',
        checksJs: ownChecks,
        listingStore: createListingStore(folder),
        lastUseOfRunner: true,
      });
      second.dispose();
      expect(results.tests.map((test) => [test.name, test.status])).toEqual(
        listed.tests.map((test) => [test.name, test.status]),
      );
      // Two spares allowed, but the command judges one exercise in one sandbox: no spare is booted.
      expect(booted).toBe(1);

      // A list file that is not a list of checks (or an empty one) is listed again, not believed.
      for (const contents of ['{"not": "a list"}', '[]']) {
        writeFileSync(join(folder, readdirSync(folder)[0]!), contents);
        vi.resetModules();
        const again = await import('./judge.ts');
        booted = 0;
        const third = createNodeRunner({ spares: 0, onBoot: () => (booted += 1) });
        const relisted = await again.judge(third, exercise.solution, {
          exercise: 'fetch-user',
          checksJs: ownChecks,
          listingStore: createListingStore(folder),
        });
        third.dispose();
        expect(relisted.score).toBe(listed.score);
        expect(booted).toBe(1);
        expect(storedNames()).toEqual(listed.tests.map((test) => test.name));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
