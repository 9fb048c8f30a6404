/**
 * Exercises, driven the way a learner drives them: by role and name, in real Chromium, against the
 * built site. The checks run in the page's sandboxes on the virtual clock (the hang check waits 10
 * virtual seconds in a few milliseconds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from '@playwright/test';
import { axe, expect as baseExpect, test } from './fixtures';

// Monaco, esbuild-wasm and seven fresh sandboxes per Check: slow on a busy two-core machine.
const expect = baseExpect.configure({ timeout: 30_000 });
const checkWait = { timeout: 150_000 };
test.describe.configure({ timeout: 240_000 });

const PAGE = '/exercises/fetch-user/';
const TITLE = 'Fetch a user, and name every failure';
const folder = join(import.meta.dirname, '..', 'lessons/03-response-errors/exercises/fetch-user');
const START = readFileSync(join(folder, 'start.ts'), 'utf8');
const SOLUTION = readFileSync(join(folder, 'solution.ts'), 'utf8');
const CHECK_COUNT = (readFileSync(join(folder, 'checks.ts'), 'utf8').match(/\bcheck\(/g) ?? [])
  .length;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const lessonsRoot = join(import.meta.dirname, '..', 'lessons');
/** Exercise ids per lesson folder, as the site lists them. */
const EXERCISES = Object.fromEntries(
  readdirSync(lessonsRoot).map((lesson) => {
    try {
      return [lesson, readdirSync(join(lessonsRoot, lesson, 'exercises'))];
    } catch {
      return [lesson, []];
    }
  }),
) as Record<string, string[]>;
const ALL_COUNT = Object.values(EXERCISES).flat().length;
const LESSON_COUNT = EXERCISES['03-response-errors']!.length;

function exercise(page: Page) {
  const region = page.getByRole('region', { name: `Exercise: ${TITLE}` });
  const checks = region.getByRole('list', { name: 'Checks' });
  return {
    region,
    check: region.getByRole('button', { name: 'Check', exact: true }),
    hint: region.getByRole('button', { name: 'Hint', exact: true }),
    showSolution: region.getByRole('button', { name: 'Show solution' }),
    reset: region.getByRole('button', { name: 'Reset', exact: true }),
    status: region.getByRole('status'),
    checks,
    items: checks.locator(':scope > li'),
    editor: region.getByRole('textbox', { name: `Code editor: ${TITLE}` }),
    /** The code the learner's editor holds, read from the element (state, not pixels). */
    code: () =>
      region.locator('course-exercise').evaluate((element) => (element as { code?: string }).code),
  };
}
type Exercise = ReturnType<typeof exercise>;

/** Opens the editor by clicking the starter code and pastes `code` over it; waits until it holds it. */
async function replaceCode(page: Page, target: Exercise, code: string): Promise<void> {
  if ((await target.editor.count()) === 0) {
    await target.region.locator('.exercise-static pre').click();
  }
  await target.editor.focus({ timeout: 40_000 });
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  // The race: Check must not read the editor before the paste has landed.
  await expect.poll(target.code, { timeout: 40_000 }).toBe(code);
}

async function checkAndWait(target: Exercise, outcome: RegExp): Promise<number> {
  const started = Date.now();
  await target.check.click();
  await expect(target.status).toHaveText(outcome, checkWait);
  return Date.now() - started;
}

test.describe('exercise fetch-user', () => {
  test('the starter fails every check and the list says why', async ({ page }) => {
    await page.goto(PAGE);
    const ex = exercise(page);
    await expect(ex.items).toHaveCount(CHECK_COUNT);
    await expect(ex.items.first()).toContainText('not run yet');
    await checkAndWait(ex, new RegExp(`^0 of ${CHECK_COUNT} checks passed\\.$`));
    await expect(ex.items.filter({ hasText: 'failed' })).toHaveCount(CHECK_COUNT);
    const notFound = ex.items.filter({ hasText: 'throws UserNotFoundError' });
    await expect(notFound).toContainText('Expected error.name to be "UserNotFoundError"');
    await expect(notFound.getByRole('definition').first()).toHaveText('"UserNotFoundError"');
    await expect(notFound).toContainText('Your code made no request.');
    // The check's own code is one disclosure away.
    await notFound.getByText('Check code').click();
    await expect(notFound.locator('pre')).toContainText('expect(error.name, "error.name")');
  });

  test('the solution passes every check, the hang included, and progress survives a reload', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const ex = exercise(page);
    const next = ex.region.getByRole('link', { name: /^Next exercise: / });
    await expect(ex.region.locator('.exercise-meta')).toContainText('Not started');
    await expect(next).toBeHidden();
    await replaceCode(page, ex, SOLUTION);
    const started = Date.now();
    await ex.check.click();
    // The first Check boots the compiler and sandboxes: a bar shows it is working.
    const meter = ex.region.getByRole('progressbar', { name: 'Checks done' });
    await expect(meter).toBeVisible();
    await expect(ex.status).toHaveText(
      new RegExp(`^${CHECK_COUNT} of ${CHECK_COUNT} checks passed\\. Well done!$`),
      checkWait,
    );
    console.log(`Check with the solution (first, cold): ${Date.now() - started} ms`);
    await expect(meter).toBeHidden();
    // "Solved" at the top, beside the title, and the way on.
    await expect(ex.region.locator('.exercise-meta')).toContainText('Solved');
    await expect(next).toBeVisible();
    await expect(ex.items.filter({ hasText: 'passed' })).toHaveCount(CHECK_COUNT);
    const hang = ex.items.filter({ hasText: 'server hangs' });
    await expect(hang).toContainText('passed · 2 of 2 points');
    const warm = await checkAndWait(ex, /checks passed\. Well done!$/);
    console.log(`Check with the solution (warm): ${warm} ms`);
    await expect(ex.region.getByText('Progress: Solved')).toBeVisible();

    await page.reload();
    const again = exercise(page);
    await expect(again.region.getByText('Progress: Solved')).toBeVisible();
    // Saved work opens in the editor at once (Monaco's text box itself has no size to be "visible").
    await expect(again.region.locator('course-exercise')).toHaveAttribute('data-editor', 'ready', {
      timeout: 40_000,
    });
    await expect.poll(again.code).toBe(SOLUTION);
    await expect(again.region.getByText('Edited', { exact: true })).toBeVisible();
    // The next exercise in course order opens on its own page.
    await again.region.getByRole('link', { name: /^Next exercise: / }).click();
    await expect(page).toHaveURL(/\/exercises\/(?!fetch-user\/)[a-z0-9-]+\/$/);
    await expect(page.getByRole('heading', { level: 1, name: /^Exercise: / })).toBeVisible();
  });

  test('code that does not compile is an error, never failed checks', async ({ page }) => {
    await page.goto(PAGE);
    const ex = exercise(page);
    await replaceCode(page, ex, 'export async function fetchUser(id: number) {\n  return = ;\n}\n');
    await checkAndWait(ex, /^Could not check your code: Your code does not compile/);
    await expect(ex.items.filter({ hasText: 'failed' })).toHaveCount(0);
    await expect(ex.items.filter({ hasText: 'not checked' })).toHaveCount(CHECK_COUNT);
    await expect(ex.region.locator('course-exercise')).toHaveAttribute('data-state', 'error');
  });

  test('Hint reveals the hints one at a time, in order, by keyboard', async ({ page }) => {
    await page.goto(PAGE);
    const ex = exercise(page);
    const hints = ex.region.getByRole('list', { name: 'Hints' }).getByRole('listitem');
    await expect(hints.filter({ visible: true })).toHaveCount(0);
    await ex.hint.focus();
    await page.keyboard.press('Enter');
    await expect(hints.filter({ visible: true })).toHaveCount(1);
    await expect(hints.first()).toContainText('Hint 1 of 3');
    await page.keyboard.press('Enter');
    await expect(hints.filter({ visible: true })).toHaveCount(2);
    await expect(hints.nth(1)).toContainText('Hint 2 of 3');
    await expect(hints.nth(1)).toContainText('AbortSignal.timeout(10_000)');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(ex.region.getByText('That was the last hint')).toBeVisible();
  });

  test('Show solution asks first and never touches the code; Reset asks, restores the starter, and undoes', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const ex = exercise(page);
    const mine = START.replace('// Your code here', '// My attempt');
    await replaceCode(page, ex, mine);

    await ex.showSolution.click();
    await ex.region.getByRole('button', { name: 'Not yet' }).click();
    await expect(ex.region.getByRole('heading', { name: /^Solution/ })).toHaveCount(0);
    await ex.showSolution.click();
    await page.keyboard.press('Enter'); // focus is on "Show the solution"
    await expect(ex.region.getByRole('heading', { name: /^Solution/ })).toBeFocused();
    const diff = ex.region.locator('.exercise-diff');
    await expect(diff).toContainText(
      '+   if (response.status === 404) throw new UserNotFoundError(id);',
    );
    await expect(diff).toContainText('−   // My attempt');
    // The starter's opening instruction is context, not a difference.
    await expect(diff).toContainText('  // Exercise: fetch-user.');
    await expect(diff).not.toContainText('− // Exercise:');
    expect(await ex.code()).toBe(mine);

    await ex.reset.click();
    await ex.region.getByRole('button', { name: 'Keep my code' }).click();
    expect(await ex.code()).toBe(mine);
    await ex.reset.click();
    await ex.region.getByRole('button', { name: 'Reset to the starter code' }).click();
    await expect.poll(ex.code).toBe(START);
    await expect(ex.status).toHaveText(/Code reset to the starter/);
    await ex.editor.focus();
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(ex.code).toBe(mine);
  });

  test('the lesson embeds the exercise and lists it with a link to its own page', async ({
    page,
  }) => {
    await page.goto('/lessons/response-errors/');
    const ex = exercise(page);
    await expect(ex.region).toBeVisible();
    await expect(ex.check).toBeVisible();
    const list = page.getByRole('region', { name: 'Exercises for this lesson' });
    await list.getByRole('link', { name: TITLE }).click();
    await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
    await expect(page.getByRole('heading', { level: 1, name: `Exercise: ${TITLE}` })).toBeVisible();
  });
});

// Every rule in the light theme, then the colour rules in the dark one (the themes differ only in
// colour), on one page with the results, the hint, a check's code and the solution open.
test('axe: an exercise page with results has no serious violations (light, then dark colours)', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(PAGE);
  const ex = exercise(page);
  await ex.hint.click();
  await checkAndWait(ex, /checks passed/);
  await ex.items.first().getByText('Check code').click();
  await ex.showSolution.click();
  await ex.region.getByRole('button', { name: 'Show the solution' }).click();
  const serious = (results: AxeResults) =>
    results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.help}) at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
  const light = serious(await axe(page).analyze());
  expect(light, light.join('\n')).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = serious(
    await axe(page).withRules(['color-contrast', 'link-in-text-block']).analyze(),
  );
  expect(dark, dark.join('\n')).toEqual([]);
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('a plain editor, no sideways scrolling, and Check works', async ({ page }) => {
    await page.goto(PAGE);
    const ex = exercise(page);
    await ex.region.locator('.exercise-static pre').click();
    await expect(ex.editor).toBeVisible();
    await ex.editor.fill(SOLUTION);
    await expect.poll(ex.code).toBe(SOLUTION);
    await checkAndWait(ex, /checks passed\. Well done!$/);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'page wider than the screen').toBeLessThanOrEqual(0);
    for (const control of [ex.check, ex.hint, ex.showSolution, ex.reset]) {
      const box = await control.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390, 'control inside the screen').toBe(true);
    }

    // The solved exercise shows on its lesson, in the course navigation and on the home page.
    await page.goto('/lessons/response-errors/');
    const list = page.getByRole('region', { name: 'Exercises for this lesson' });
    await expect(list).toContainText(`1 of ${LESSON_COUNT} exercises solved`);
    await expect(list.getByRole('listitem').filter({ hasText: TITLE })).toContainText('Solved');
    const nav = page.getByRole('navigation', { name: 'Course' });
    await nav.getByText('Course contents').click();
    await expect(
      nav.getByRole('listitem').filter({ hasText: 'Handling response errors' }).first(),
    ).toContainText(`1 of ${LESSON_COUNT} exercises solved`);
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Your progress' })).toContainText(
      `1 of ${ALL_COUNT} exercises solved`,
    );
  });

  test('Stop ends a Check of code that loops, and records nothing', async ({ page }) => {
    await page.goto(PAGE);
    const ex = exercise(page);
    await ex.region.locator('.exercise-static pre').click();
    const looping = SOLUTION.replace(
      'export async function fetchUser(id: number): Promise<User> {',
      'export async function fetchUser(id: number): Promise<User> {\n  while (id > 0) {}',
    );
    await ex.editor.fill(looping);
    await expect.poll(ex.code).toBe(looping);
    await ex.check.click();
    await expect(ex.status).toHaveText(/^Checking your code/);
    await ex.region.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(ex.status).toHaveText(
      'Stopped. Nothing was recorded; press Check to run the checks again.',
    );
    await expect(ex.region.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
    await expect(ex.region.getByText('Progress: Not started')).toBeVisible();
  });

  test('progress is exported to a file and imported again; other files get a clear message', async ({
    page,
  }) => {
    await page.goto('/');
    const progress = page.getByRole('region', { name: 'Your progress' });
    await expect(progress).toContainText(`0 of ${ALL_COUNT} exercises solved`);
    const input = progress.getByLabel('Import progress');
    const status = progress.getByRole('status');

    await input.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hi'),
    });
    await expect(status).toHaveText(/^“notes\.txt” is not JSON, so it is not a progress file/);
    await input.setInputFiles({
      name: 'package.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"name":"x"}'),
    });
    await expect(status).toHaveText(/^“package\.json” is not a progress file from this course/);

    const file = {
      kind: 'http-clients-course-progress',
      version: 1,
      exportedAt: '2026-11-25T12:00:00.000Z',
      exercises: {
        'fetch-user': { state: 'solved', bestScore: 7, maxScore: 7, hintsShown: 1, checkedAt: 1 },
      },
    };
    await input.setInputFiles({
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect(status).toHaveText(/^Imported 1 exercise from mine\.json/);
    await expect(progress).toContainText(`1 of ${ALL_COUNT} exercises solved`);
    await expect(
      page.getByRole('listitem').filter({ hasText: 'Handling response errors' }).first(),
    ).toContainText(`1 of ${LESSON_COUNT} exercises solved`);

    const download = page.waitForEvent('download');
    await progress.getByRole('button', { name: 'Export progress' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^http-clients-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await saved.path(), 'utf8')) as typeof file;
    expect(exported.kind).toBe(file.kind);
    expect(exported.exercises['fetch-user']).toEqual(file.exercises['fetch-user']);
  });
});
