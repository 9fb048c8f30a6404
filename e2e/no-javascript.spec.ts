import { test, expect } from './fixtures';

test.use({ javaScriptEnabled: false });

test('without JavaScript a lesson’s text and code blocks are fully readable', async ({
  page,
  lessons,
}) => {
  for (const lesson of lessons) {
    await page.goto(lesson.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
    await expect(page.getByRole('heading', { name: 'What you’ll learn' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Summary' })).toBeVisible();
    // Expected outputs are collapsed on purpose; every other code block must be on the page.
    const code = page.locator('pre:not(details:not([open]) pre)');
    expect(await code.count()).toBeGreaterThan(0);
    for (const block of await code.all()) {
      await block.scrollIntoViewIfNeeded();
      await expect(block).toBeVisible();
    }
  }
  await page.goto(lessons[0]!.url);
  await expect(
    page.getByText('TypeScript (fetch)', { exact: true }).filter({ visible: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('Python (requests)', { exact: true }).filter({ visible: true }).first(),
  ).toBeVisible();
  await expect(page.locator('pre').filter({ hasText: 'requests.get(' }).first()).toBeVisible();
  await expect(
    page.locator('pre').filter({ hasText: 'response.headers.get(' }).first(),
  ).toBeVisible();
});
