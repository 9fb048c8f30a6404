import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileChecksSource } from '../../src/checker/compile-checks.ts';
import { judge } from '../../src/checker/judge.ts';
import { createNodeRunner } from '../../src/runner/node/node-host.ts';
import { exerciseSchema } from '../../src/schemas/exercise.ts';
import { newExercise } from './new-exercise.ts';

const lessons = mkdtempSync(join(tmpdir(), 'new-exercise-'));
mkdirSync(join(lessons, '04-retries'));
mkdirSync(join(lessons, '03-response-errors', 'exercises', 'fetch-user'), { recursive: true });
const runner = createNodeRunner();
afterAll(() => runner.dispose());

describe('npm run new:exercise', () => {
  it('scaffolds the four files; the frontmatter passes the schema; the solution fails its check', async () => {
    const folder = newExercise(lessons, '04', 'retry-get');
    expect(folder).toBe(join(lessons, '04-retries', 'exercises', 'retry-get'));
    const mdx = readFileSync(join(folder, 'exercise.mdx'), 'utf8');
    const frontmatter = parseYaml(/^---\n([\s\S]*?)\n---/.exec(mdx)![1]!);
    expect(exerciseSchema.safeParse(frontmatter).success).toBe(true);
    expect(frontmatter.id).toBe('retry-get');

    const checksJs = await compileChecksSource(
      esbuild,
      readFileSync(join(folder, 'checks.ts'), 'utf8'),
      readFileSync(new URL('../../src/checker/checks-api.ts', import.meta.url), 'utf8'),
      'checks.ts',
    );
    for (const file of ['solution.ts', 'start.ts']) {
      const results = await judge(runner, readFileSync(join(folder, file), 'utf8'), {
        exercise: 'retry-get',
        checksJs,
      });
      expect(results.tests).toHaveLength(1);
      expect(results.tests[0]!.status, file).toBe('fail');
    }
  });

  it('finds the lesson by folder, number or name, and refuses bad or taken ids', () => {
    expect(newExercise(lessons, 'retries', 'other-one')).toContain('04-retries');
    expect(newExercise(lessons, '04-retries', 'third-one')).toContain('04-retries');
    expect(() => newExercise(lessons, '04', 'Bad_Id')).toThrow(/kebab-case/);
    expect(() => newExercise(lessons, '04', 'fetch-user')).toThrow(
      /taken by lessons\/03-response-errors\/exercises\/fetch-user/,
    );
    expect(() => newExercise(lessons, '99', 'x')).toThrow(
      /no lesson "99"\. Lessons: 03-response-errors, 04-retries/,
    );
  });
});
