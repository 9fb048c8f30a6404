/**
 * The exercises of lessons 6 to 10, as a learner meets them: each has its own page with its checks
 * listed, each is embedded in its lesson, and the api-client solution passes every check in the
 * browser (the hang checks on the virtual clock: 2 s and 30 s of waiting in milliseconds).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { expect as baseExpect, test } from './fixtures';

// Monaco, esbuild-wasm and a fresh sandbox per check: slow on a busy two-core machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

const LESSONS = join(import.meta.dirname, '..', 'lessons');
const COVERED = /^(06|07|08|09|10)-/;

interface ExerciseInfo {
  id: string;
  title: string;
  lessonSlug: string;
  folder: string;
  checkCount: number;
}

function readExercises(): ExerciseInfo[] {
  const found: ExerciseInfo[] = [];
  for (const lesson of readdirSync(LESSONS).filter((name) => COVERED.test(name))) {
    const dir = join(LESSONS, lesson, 'exercises');
    if (!existsSync(dir)) continue;
    for (const id of readdirSync(dir)) {
      const folder = join(dir, id);
      const mdx = readFileSync(join(folder, 'exercise.mdx'), 'utf8');
      const { title } = parse(mdx.split(/^---$/m)[1] ?? '') as { title: string };
      const checks = readFileSync(join(folder, 'checks.ts'), 'utf8');
      found.push({
        id,
        title,
        lessonSlug: lesson.replace(/^\d+-/, ''),
        folder,
        checkCount: (checks.match(/\bcheck\(/g) ?? []).length,
      });
    }
  }
  return found;
}

const exercises = readExercises();

function region(page: Page, title: string) {
  return page.getByRole('region', { name: `Exercise: ${title}` });
}

test('lessons 6 to 10 have at least two exercises each, and each lesson embeds its own', async ({
  page,
}) => {
  const slugs = [...new Set(exercises.map((exercise) => exercise.lessonSlug))];
  expect(slugs).toHaveLength(5);
  for (const slug of slugs) {
    const own = exercises.filter((exercise) => exercise.lessonSlug === slug);
    expect(own.length, `exercises in ${slug}`).toBeGreaterThanOrEqual(2);
    await page.goto(`/lessons/${slug}/`);
    for (const exercise of own) {
      await expect(region(page, exercise.title)).toBeVisible();
      await expect(
        region(page, exercise.title).getByRole('button', { name: 'Check', exact: true }),
      ).toBeVisible();
    }
  }
});

for (const exercise of exercises) {
  test(`/exercises/${exercise.id}/ lists its ${exercise.checkCount} checks, none run yet`, async ({
    page,
  }) => {
    await page.goto(`/exercises/${exercise.id}/`);
    const checks = region(page, exercise.title).getByRole('list', { name: 'Checks' });
    await expect(checks.locator(':scope > li')).toHaveCount(exercise.checkCount);
    await expect(checks.locator(':scope > li').first()).toContainText('not run yet');
  });
}

test.describe('api-client in the browser', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('the solution passes every check, the hangs included, quickly', async ({ page }) => {
    const exercise = exercises.find((entry) => entry.id === 'api-client')!;
    const solution = readFileSync(join(exercise.folder, 'solution.ts'), 'utf8');
    await page.goto('/exercises/api-client/');
    const ex = region(page, exercise.title);
    const editor = ex.getByRole('textbox', { name: `Code editor: ${exercise.title}` });
    const code = () =>
      ex.locator('course-exercise').evaluate((element) => (element as { code?: string }).code);
    if ((await editor.count()) === 0) await ex.locator('.exercise-static pre').click();
    await editor.focus({ timeout: 40_000 });
    await page.evaluate((text) => navigator.clipboard.writeText(text), solution);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    // Check must not read the editor before the paste has landed.
    await expect.poll(code, { timeout: 40_000 }).toBe(solution);

    const passed = new RegExp(
      `^${exercise.checkCount} of ${exercise.checkCount} checks passed\\. Well done!$`,
    );
    const check = ex.getByRole('button', { name: 'Check', exact: true });
    const status = ex.getByRole('status');
    let started = Date.now();
    await check.click();
    await expect(status).toHaveText(passed, { timeout: 150_000 });
    console.log(`api-client: Check with the solution (cold): ${Date.now() - started} ms`);
    const items = ex.getByRole('list', { name: 'Checks' }).locator(':scope > li');
    await expect(items.filter({ hasText: 'passed' })).toHaveCount(exercise.checkCount);
    await expect(items.filter({ hasText: 'gives up after timeoutMs' })).toContainText(
      'passed · 2 of 2 points',
    );

    // A warm Check can be over before a poll sees the status change, so record every text it takes.
    const texts = await status.evaluateHandle((element) => {
      const seen: string[] = [];
      new MutationObserver(() => seen.push(element.textContent ?? '')).observe(element, {
        childList: true,
        characterData: true,
        subtree: true,
      });
      return seen;
    });
    const finalText = (await status.textContent()) ?? '';
    started = Date.now();
    await check.click();
    // It left the last verdict (a new Check ran), then came back to "passed".
    await expect
      .poll(() => texts.evaluate((seen, last) => seen.some((text) => text !== last), finalText), {
        timeout: 150_000,
      })
      .toBe(true);
    await expect(status).toHaveText(passed, { timeout: 150_000 });
    console.log(`api-client: Check with the solution (warm): ${Date.now() - started} ms`);
  });
});
