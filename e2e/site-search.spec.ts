/**
 * Site search as a reader uses it, on a phone and with the keyboard. Needs the Pagefind index: build
 * with `npm run build` (or `astro build` then `pagefind --site <dir>`).
 */
import { expect as baseExpect, test } from './fixtures';

// Pagefind loads its index and wasm on the first query: slow on a busy two-core machine.
const expect = baseExpect.configure({ timeout: 20_000 });

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the search results sit inside the viewport, every title whole', async ({ page }) => {
    await page.goto('/lessons/timeouts/');
    await page.getByRole('searchbox', { name: 'Search lessons' }).fill('timeout');
    const search = page.getByRole('search');
    await expect(search.getByRole('status')).toHaveText(/\d+ results? for “timeout”/);
    const panel = search.locator('.search-results');
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    for (const link of await search.getByRole('link').all()) {
      const linkBox = (await link.boundingBox())!;
      expect(linkBox.x, await link.innerText()).toBeGreaterThanOrEqual(box.x);
      expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(390);
    }
  });
});

test('ArrowDown then Enter in the search box opens the first result', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('searchbox', { name: 'Search lessons' });
  await box.fill('stargazers');
  const first = page.getByRole('search').getByRole('link').first();
  await expect(first).toBeVisible();
  const href = await first.getAttribute('href');
  await box.press('ArrowDown');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(box).toBeFocused();
  await box.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});

test("search finds neither the checks' code nor the teacher's pages", async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('searchbox', { name: 'Search lessons' });
  const status = page.getByRole('search').getByRole('status');
  // Every check's code calls `learner.…`; no text a reader reads does. Pagefind stems "learner" to
  // "learn" (every lesson's "What you'll learn"), so look at what the results quote.
  await box.fill('learner');
  await expect(status).toHaveText(/results? for “learner”/);
  const results = page.getByRole('search').getByRole('listitem');
  expect((await results.allInnerTexts()).join('\n')).not.toContain('learner.');
  // Only the teacher's pages speak of Gradescope; the home page's "re-grade" may match, no /teach/ page.
  await box.fill('Gradescope');
  await expect(status).toHaveText(/No lessons mention|results? for “Gradescope”/);
  const links = page.getByRole('search').getByRole('link');
  const found = /^(\d+) results?/.exec((await status.textContent()) ?? '');
  if (found) await expect(links.first()).toBeVisible();
  for (const href of await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')))) {
    expect(href).not.toContain('/teach/');
  }
});

test("an exercise's facts read apart, for search excerpts and screen readers", async ({ page }) => {
  await page.goto('/exercises/fetch-user/');
  // textContent is what Pagefind and a screen reader get, whatever the layout draws.
  const text = await page
    .getByRole('region', { name: /^Exercise: / })
    .locator('.exercise-meta')
    .evaluate((element) => element.textContent?.replace(/\s+/g, ' ').trim());
  expect(text).toMatch(/^(Easy|Medium|Hard) · about \d+ min · \d+ checks, \d+ points/);
});
