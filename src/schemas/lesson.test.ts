import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lessonSchema } from './lesson';

const valid = {
  title: 'A lesson',
  summary: 'A summary that is long enough to describe the lesson.',
  order: 3,
  minutes: 10,
  learn: ['Something useful'],
  source: ['Query Parameters'],
};

describe('lessonSchema', () => {
  it('accepts complete frontmatter and defaults draft to false', () => {
    expect(lessonSchema.parse(valid)).toEqual({ ...valid, draft: false });
  });

  it.each([
    ['order', { order: 'two' }],
    ['minutes', { minutes: 0 }],
    ['learn', { learn: [] }],
    ['source', { source: ['Not a section of the source lesson'] }],
    ['summary', { summary: 'Too short' }],
  ])('rejects a bad %s and names the field', (field, change) => {
    const result = lessonSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => String(issue.path[0]))).toContain(field);
  });

  it('rejects unknown fields so typos do not pass silently', () => {
    const result = lessonSchema.safeParse({ ...valid, minuts: 5 });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('minuts');
  });
});

describe('a lesson with bad frontmatter', () => {
  it('fails the content build with a message naming the file and the field', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const site = mkdtempSync(join(tmpdir(), 'bad-lesson-'));
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
      mkdirSync(join(site, 'lessons/01-broken'), { recursive: true });
      writeFileSync(
        join(site, 'lessons/01-broken/index.mdx'),
        '---\ntitle: Broken\nsummary: A summary that is long enough to pass.\norder: two\nminutes: 5\n' +
          'learn: [a thing]\nsource: ["Quick Reference"]\n---\n\nHello\n',
      );
      const run = promisify(execFile)('npx', ['astro', 'sync'], { cwd: site, env: process.env });
      const failure = await run.then(
        () => undefined,
        (error: { stdout: string; stderr: string }) => `${error.stdout}\n${error.stderr}`,
      );
      expect(failure, 'astro sync should have failed').toBeDefined();
      expect(failure).toContain('lessons/01-broken/index.mdx');
      expect(failure).toMatch(/order/);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  }, 60_000);
});
