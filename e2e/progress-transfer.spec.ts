/**
 * Progress moves between browsers with the learner's code: export in one browser context, import in
 * a fresh one, and the exercise's editor holds the code again. Code this browser saved later is kept.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';

// Monaco on a busy two-core machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const PAGE = '/exercises/fetch-user/';
const TITLE = 'Fetch a user, and name every failure';
const OTHER_TITLE = 'Get JSON, or give up in time';

function exerciseRegion(page: Page, title: string) {
  return page.getByRole('region', { name: `Exercise: ${title}` });
}

/** Opens the exercise's editor and replaces its code, as a learner pasting their work would. */
async function typeCode(page: Page, title: string, code: string): Promise<void> {
  const region = exerciseRegion(page, title);
  await region.locator('.exercise-static pre').click();
  const editor = region.getByRole('textbox', { name: `Code editor: ${title}` });
  await editor.focus({ timeout: 40_000 });
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(region.getByText('Edited', { exact: true })).toBeVisible();
}

/** The code the exercise holds (the editor's, or the saved code before the editor loads). */
function codeOf(page: Page, title: string) {
  return () =>
    exerciseRegion(page, title)
      .locator('course-exercise')
      .evaluate((element) => (element as { code?: string }).code);
}

test('export then import in a fresh browser restores the code in the exercise editor, keeping newer local code', async ({
  page,
  browser,
}) => {
  const mine = `// My work from the laptop\nexport async function fetchUser(id: number) {\n  return id;\n}\n`;
  await page.goto(PAGE);
  await typeCode(page, TITLE, mine);
  // Saving is debounced: wait until this browser holds the code before leaving the page.
  await expect.poll(codeOf(page, TITLE)).toBe(mine);
  await page.goto('/');
  const progress = page.getByRole('region', { name: 'Your progress' });
  const download = page.waitForEvent('download');
  await progress.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await download).path();
  await expect(progress.getByRole('status')).toHaveText(
    /^Saved http-clients-progress-.*and your code\.$/,
  );
  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    version: number;
    code: Record<string, { code: string }>;
  };
  expect(exported.version).toBe(2);
  expect(exported.code['fetch-user']?.code).toBe(mine);

  // A fresh browser: nothing saved. It has newer work of its own on the other exercise in the file.
  const fresh = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const other = await fresh.newPage();
  try {
    const otherFile = {
      kind: 'http-clients-course-progress',
      version: 2,
      exercises: {},
      code: { 'timeout-get-json': { code: '// old, from the file\n', savedAt: 1 } },
    };
    const combined = { ...exported, code: { ...exported.code, ...otherFile.code } };
    await other.goto('/exercises/timeout-get-json/');
    await typeCode(other, OTHER_TITLE, '// newer, typed in this browser\n');
    await expect.poll(codeOf(other, OTHER_TITLE)).toBe('// newer, typed in this browser\n');

    await other.goto('/');
    const freshProgress = other.getByRole('region', { name: 'Your progress' });
    await freshProgress.getByLabel('Import progress').setInputFiles({
      name: 'laptop.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(combined)),
    });
    const status = freshProgress.getByRole('status');
    await expect(status).toContainText(`Restored your code for “${TITLE}”.`);
    await expect(status).toContainText(`Kept this browser's newer code for “${OTHER_TITLE}”.`);

    await other.goto(PAGE);
    const region = exerciseRegion(other, TITLE);
    await expect(region.getByText('Edited', { exact: true })).toBeVisible();
    // Saved work opens in the editor at once, never the starter over it.
    const editor = region.getByRole('textbox', { name: `Code editor: ${TITLE}` });
    await expect(editor).toBeAttached({ timeout: 40_000 });
    await expect(region.locator('.exercise-editor')).toContainText('My work from the laptop');
    await expect.poll(codeOf(other, TITLE)).toBe(mine);

    await other.goto('/exercises/timeout-get-json/');
    await expect.poll(codeOf(other, OTHER_TITLE)).toBe('// newer, typed in this browser\n');
  } finally {
    await fresh.close();
  }
});
