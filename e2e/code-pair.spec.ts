import { test, expect } from './fixtures';

test('TypeScript and Python tabs switch with the mouse and arrow keys, and the choice is remembered', async ({
  page,
  lessons,
}) => {
  const first = lessons[0]!;
  await page.goto(first.url);
  const pair = page.locator('code-pair').filter({ hasText: 'stargazers_count' }).first();
  const typescript = pair.getByRole('tab', { name: 'TypeScript (fetch)' });
  const python = pair.getByRole('tab', { name: 'Python (requests)' });
  await expect(typescript).toHaveAttribute('aria-selected', 'true');
  await expect(pair.getByRole('tabpanel')).toContainText('await fetch(');

  await python.click();
  await expect(python).toHaveAttribute('aria-selected', 'true');
  await expect(pair.getByRole('tabpanel')).toContainText('requests.get(');
  await expect(pair.getByRole('tabpanel')).not.toContainText('await fetch(');

  await python.press('ArrowLeft');
  await expect(typescript).toBeFocused();
  await expect(typescript).toHaveAttribute('aria-selected', 'true');
  await typescript.press('ArrowRight');
  await expect(python).toBeFocused();
  await expect(python).toHaveAttribute('aria-selected', 'true');

  // Every pair on the page follows, and so does the next page view.
  for (const tab of await page.getByRole('tab', { name: 'Python (requests)' }).all()) {
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }
  await page.reload();
  await expect(
    page.locator('code-pair').first().getByRole('tab', { name: 'Python (requests)' }),
  ).toHaveAttribute('aria-selected', 'true');
});

test('printing a lesson shows the text and both languages without site chrome', async ({
  page,
  lessons,
}) => {
  await page.goto(lessons[0]!.url);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Course' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toBeHidden();
  const pair = page.locator('code-pair').filter({ hasText: 'stargazers_count' }).first();
  await expect(pair.getByText('requests.get(')).toBeVisible();
  await expect(
    pair.getByText("await fetch('https://api.github.com/repos/python/cpython')"),
  ).toBeVisible();
});
