import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { difficultyLabel, exerciseSchema } from './exercise';

const valid = {
  id: 'fetch-user',
  title: 'Fetch a user',
  difficulty: 2,
  minutes: 20,
  skills: ['status codes'],
  hints: ['Look at response.status first.', 'Then read the body.'],
};

function issuesFor(change: Record<string, unknown>) {
  const result = exerciseSchema.safeParse({ ...valid, ...change });
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => ({
    field: String(issue.path[0]),
    message: issue.message,
  }));
}

describe('exerciseSchema', () => {
  it('accepts complete frontmatter and keeps the hints in order', () => {
    expect(exerciseSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ['id', { id: 'Fetch User' }, /kebab-case/],
    ['id', { id: 'fetch--user' }, /kebab-case/],
    ['difficulty', { difficulty: 4 }, /1 \(easy\), 2 \(medium\) or 3 \(hard\)/],
    ['difficulty', { difficulty: 1.5 }, /whole number/],
    ['minutes', { minutes: 0 }, /./],
    ['skills', { skills: [] }, /at least one skill/],
    ['hints', { hints: [] }, /at least one hint/],
    ['title', { title: 'X' }, /./],
  ])('rejects a bad %s with a message naming the field and the fix', (field, change, message) => {
    const issues = issuesFor(change);
    const issue = issues.find((entry) => entry.field === field);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('rejects a missing field and an unknown one (a typo must not pass silently)', () => {
    const withoutHints: Partial<typeof valid> = { ...valid };
    delete withoutHints.hints;
    const missing = exerciseSchema.safeParse(withoutHints);
    expect(missing.error?.issues.map((issue) => issue.path[0])).toContain('hints');
    const typo = exerciseSchema.safeParse({ ...valid, hint: ['x'] });
    expect(JSON.stringify(typo.error?.issues)).toContain('hint');
  });

  it('labels each difficulty for people', () => {
    expect([1, 2, 3].map(difficultyLabel)).toEqual(['Easy', 'Medium', 'Hard']);
  });
});

describe('an exercise with bad frontmatter', () => {
  it('fails the content build with a message naming the file and the field', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const site = mkdtempSync(join(tmpdir(), 'bad-exercise-'));
    try {
      for (const entry of [
        'astro.config.mjs',
        'tsconfig.json',
        'package.json',
        'src',
        'mock-api',
      ]) {
        cpSync(join(root, entry), join(site, entry), { recursive: true });
      }
      symlinkSync(join(root, 'node_modules'), join(site, 'node_modules'));
      const lesson = join(site, 'lessons/01-lesson');
      mkdirSync(join(lesson, 'exercises/broken'), { recursive: true });
      writeFileSync(
        join(lesson, 'index.mdx'),
        '---\ntitle: A lesson\nsummary: A summary that is long enough to pass.\norder: 1\nminutes: 5\n' +
          'learn: [a thing]\nsource: ["Quick Reference"]\n---\n\nHello\n',
      );
      writeFileSync(
        join(lesson, 'exercises/broken/exercise.mdx'),
        '---\nid: broken\ntitle: Broken\ndifficulty: 5\nminutes: 5\nskills: [x1]\nhints: [a nudge]\n---\n\nDo it.\n',
      );
      const run = promisify(execFile)('npx', ['astro', 'sync'], { cwd: site, env: process.env });
      const failure = await run.then(
        () => undefined,
        (error: { stdout: string; stderr: string }) => `${error.stdout}\n${error.stderr}`,
      );
      expect(failure, 'astro sync should have failed').toBeDefined();
      expect(failure).toContain('lessons/01-lesson/exercises/broken/exercise.mdx');
      expect(failure).toMatch(/difficulty/);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  }, 60_000);
});
