/** Text a reader meets: lists in the order the author wrote them, words with their spaces. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('a lesson lists its exercises in the order the lesson places them, not by id', async ({
  page,
}) => {
  const source = readFileSync(
    join(import.meta.dirname, '..', 'lessons/04-retries/index.mdx'),
    'utf8',
  );
  const placed = [...source.matchAll(/<Exercise id="([^"]+)"/g)].map((match) => match[1]);
  expect(placed.length).toBeGreaterThan(1);
  expect(placed).not.toEqual([...placed].sort()); // else this test could not tell the orders apart
  await page.goto('/lessons/retries/');
  const list = page
    .getByRole('region', { name: 'Exercises for this lesson' })
    .getByRole('listitem');
  const ids = await list.evaluateAll((items) =>
    items.map((item) => (item as HTMLElement).dataset.exerciseId),
  );
  expect(ids).toEqual(placed);
});

test('the home page puts a space before and after "Mock API reference"', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('main')).toContainText(
    'the same simulated API; the Mock API reference lists its endpoints',
  );
});
