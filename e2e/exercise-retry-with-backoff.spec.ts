/**
 * The retry-with-backoff exercise page, driven by role and name: its checks wait some 20 virtual
 * seconds of Retry-After and backoff, which the virtual clock turns into a moment of real time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect as baseExpect, narrowScreen, test } from './fixtures';

const expect = baseExpect.configure({ timeout: 30_000 });
const checkWait = { timeout: 150_000 };
test.describe.configure({ timeout: 240_000 });
test.use({ permissions: ['clipboard-read', 'clipboard-write'], ...narrowScreen });

const TITLE = 'Retry with backoff and Retry-After';
const folder = join(import.meta.dirname, '..', 'lessons/04-retries/exercises/retry-with-backoff');
const SOLUTION = readFileSync(join(folder, 'solution.ts'), 'utf8');
/** Retries the right statuses, but always after 1 s, whatever Retry-After asks. */
const IMPATIENT = `export async function getWithRetry(url: string, maxAttempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url);
    if (![429, 502, 503, 504].includes(response.status) || attempt >= maxAttempts) return response;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
`;
const CHECK_COUNT = (readFileSync(join(folder, 'checks.ts'), 'utf8').match(/\bcheck\(/g) ?? [])
  .length;

test('retry-with-backoff: the starter fails with reasons, the solution passes every check', async ({
  page,
}) => {
  await page.goto('/exercises/retry-with-backoff/');
  const region = page.getByRole('region', { name: `Exercise: ${TITLE}` });
  const items = region.getByRole('list', { name: 'Checks' }).locator(':scope > li');
  const status = region.getByRole('status');
  const check = region.getByRole('button', { name: 'Check', exact: true });
  await expect(items).toHaveCount(CHECK_COUNT);

  await check.click();
  await expect(status).toHaveText(`0 of ${CHECK_COUNT} checks passed.`, checkWait);
  await expect(items.filter({ hasText: 'HTTP-date Retry-After' })).toContainText(
    'getWithRetry(https://api.example.com/unstable',
  );

  const editorBox = region.getByRole('textbox', { name: `Code editor: ${TITLE}` });
  if ((await editorBox.count()) === 0) await region.locator('.exercise-static pre').click();
  await editorBox.focus({ timeout: 40_000 });
  const code = () =>
    region.locator('course-exercise').evaluate((element) => (element as { code?: string }).code);
  const paste = async (text: string) => {
    await editorBox.focus();
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    await expect.poll(code, { timeout: 40_000 }).toBe(text);
  };

  // A retry loop that always waits 1 s: the Retry-After: 3 check's timeline shows the wait it made
  // beside the one the check expected.
  await paste(IMPATIENT);
  await check.click();
  await expect(status).toHaveText(/^\d+ of \d+ checks passed\.$/, checkWait);
  const impatient = items.filter({ hasText: 'Retry-After: 3 (seconds)' });
  await expect(impatient).toContainText('failed');
  const timeline = impatient.getByRole('figure', { name: /^Timeline of 2 requests/ });
  await expect(timeline).toContainText(/on the virtual clock/);
  await expect(
    timeline.getByText(
      'waited 1.00 s · Retry-After: 3 · expected 3.00 s to 4.00 s (Retry-After: 3)',
    ),
  ).toBeVisible();
  await expect(timeline.getByRole('button').nth(1)).toHaveAccessibleName(
    /^GET \/unstable\?fail=1&retry_after=3, attempt 2, 200 \(success\), .* after waited 1\.00 s/,
  );

  await paste(SOLUTION);

  const started = Date.now();
  await check.click();
  await expect(status).toHaveText(
    `${CHECK_COUNT} of ${CHECK_COUNT} checks passed. Well done!`,
    checkWait,
  );
  console.log(`retry-with-backoff, Check with the solution (first): ${Date.now() - started} ms`);
  await expect(items.filter({ hasText: 'Retry-After: 3 (seconds)' })).toContainText('passed');
  await expect(items.filter({ hasText: 'HTTP-date Retry-After' })).toContainText('passed');
  const warmStart = Date.now();
  await check.click();
  await expect(status).toHaveText(/checks passed\. Well done!$/, checkWait);
  console.log(`retry-with-backoff, Check with the solution (warm): ${Date.now() - warmStart} ms`);
});
