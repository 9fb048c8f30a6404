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
    // One look at every block in the page (what toBeVisible asks of each: rendered, with a box),
    // instead of a round trip per block: a lesson has up to 200 of them.
    const blocks = await page.locator('pre:not(details:not([open]) pre)').evaluateAll((pres) =>
      pres.map((pre) => ({
        text: (pre.textContent ?? '').trim().slice(0, 60),
        shown:
          pre.checkVisibility({ visibilityProperty: true }) &&
          pre.getBoundingClientRect().height > 0,
      })),
    );
    expect(blocks.length, `code blocks in ${lesson.url}`).toBeGreaterThan(0);
    expect(
      blocks.filter((block) => !block.shown).map((block) => block.text),
      `code blocks hidden in ${lesson.url}`,
    ).toEqual([]);
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
