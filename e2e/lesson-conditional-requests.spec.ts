/**
 * Lesson 13, Conditional requests: in the browser sandbox a revalidation shows its 304 in the
 * Network log (no HTTP cache turns it into a 200 there), If-Match turns a lost update into a 412,
 * and Simulate applies to the conditional request too.
 */
import { consoleLines, expect as baseExpect, liveExample, test } from './fixtures';

// Monaco and esbuild load on demand; on a busy two-core machine that can take longer than 5 s.
const expect = baseExpect.configure({ timeout: 30_000 });

test('conditional requests: a 304 in the Network log, a 412 for a stale If-Match, and Simulate', async ({
  page,
}) => {
  await page.goto('/lessons/conditional-requests/');

  const revalidate = liveExample(page, 'Ask again with If-None-Match');
  await revalidate.run.click();
  await expect(revalidate.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(revalidate.console)).toEqual([
    '200 "bfe32c26"',
    '304 Not Modified ok: false',
    'body: ""',
    'still: Release checklist',
  ]);
  const rows = revalidate.network.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('200');
  await expect(rows.nth(1)).toContainText('304');

  // Simulate applies to the conditional request as to any other: both answers are 404s now.
  await revalidate.simulate.selectOption('not-found');
  await revalidate.run.click();
  await expect(revalidate.status).toHaveText(/^Finished in \d+ ms\.$/);
  await expect(revalidate.console.locator('.console-line').nth(1)).toHaveText(
    '404 Not Found ok: false',
  );
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('404');

  const ifMatch = liveExample(page, 'If-Match prevents it');
  await ifMatch.run.click();
  await expect(ifMatch.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(ifMatch.console)).toEqual([
    'Alice, If-Match "5db9c938" -> 200',
    'Bob, If-Match "5db9c938" -> 412 Precondition Failed',
    'Bob, after reading again -> 200',
    'Friday at noon, the usual place. ["social"]',
  ]);
  await expect(ifMatch.network.locator('tbody tr')).toHaveCount(7);
  await expect(ifMatch.network).toContainText('412');
});
