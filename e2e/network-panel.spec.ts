/**
 * The Network table says what the program did: an attempt is a retry of one call (as the code
 * counts it), a request the run left open says so, and URLs use the room they have.
 */
import { axe, expect as baseExpect, liveExample, runToEnd, test } from './fixtures';

// esbuild and the sandbox load on the first Run; on a busy two-core machine that takes a while.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 180_000 });
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('"What gets retried" numbers attempts as its code logs them', async ({ page }) => {
  await page.goto('/lessons/retries/');
  const example = liveExample(page, 'What gets retried');
  await runToEnd(example, 60_000);
  await expect(example.status).toHaveText(/^Finished in/);
  const rows = example.network.locator('tbody tr');
  await expect(rows).toHaveCount(6);
  const requests = await rows.locator('.network-request').allInnerTexts();
  const attempts = await rows.locator('.network-attempt').allInnerTexts();
  expect(requests.map((request, index) => `${request} #${attempts[index]}`)).toEqual([
    'GET /users/9999 #1',
    'GET /status/503 #1',
    'GET /status/503 #2',
    'POST /status/503 #1',
    'POST /status/503 #1',
    'POST /status/503 #2',
  ]);
  // The Console logs the keyed POST's attempts as 1 and 2, as the table does.
  await expect(example.console).toContainText('attempt 2: 503, giving up');

  // The rate-limit example on the same page: its story is the two 2-second waits, which the
  // timeline draws and labels (the table says 17 ms, 3 ms, 4 ms).
  const limited = liveExample(page, 'Retry after a rate limit');
  await runToEnd(limited, 60_000);
  const timeline = limited.region.getByRole('figure', { name: /^Timeline/ });
  await expect(timeline).toHaveAccessibleName(
    /^Timeline of 3 requests, [\d.]+ s on the real clock/,
  );
  const gaps = timeline.getByText(/^waited \d\.\d\d s · Retry-After: 2$/);
  await expect(gaps).toHaveCount(2);
  for (const gap of await gaps.allInnerTexts()) {
    const seconds = Number(/waited ([\d.]+) s/.exec(gap)![1]);
    expect(seconds).toBeGreaterThanOrEqual(1.9);
    expect(seconds).toBeLessThan(3);
  }
  const bars = timeline.getByRole('button');
  await expect(bars).toHaveCount(3);
  await expect(bars.nth(1)).toHaveAccessibleName(
    /^GET \/users\/1, attempt 2, 429 Too Many Requests \(client error\), from [\d.]+ s to [\d.]+ s, after waited/,
  );
  // One tab stop; arrow keys move along the bars; Enter selects the bar's row in the table.
  await bars.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(bars.nth(1)).toBeFocused();
  await expect(timeline.locator('.timeline-tooltip')).toContainText('attempt 2');
  await page.keyboard.press('Enter');
  await expect(limited.network.locator('tbody tr').nth(1)).toHaveClass('is-selected');
  await expect(limited.region.locator('.network-details')).toContainText('attempt 2');
  await expect(bars.nth(1)).toBeFocused();

  // The timeline follows the theme: axe finds nothing serious in it, light then dark.
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await page.getByRole('button', { name: 'Dark theme' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    }
    const results = await axe(page).include('.timeline').analyze();
    expect(results.passes.length, 'axe saw the timeline').toBeGreaterThan(0);
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${theme}: ${violation.id} at ${violation.nodes[0]?.target.join(' ')}`);
    expect(serious, serious.join('\n')).toEqual([]);
  }
});

test('a request still open when the run ends waiting forever says so, not "pending"', async ({
  page,
}) => {
  await page.goto('/lessons/first-request/');
  const example = liveExample(page, 'Your first GET request');
  // The example has no timeout: with every request hanging, it waits forever.
  await example.simulate.selectOption('hang');
  await runToEnd(example, 60_000);
  await expect(example.status).toHaveText(/^Waiting forever/);
  const status = example.network.getByRole('cell', { name: 'still open' });
  await expect(status).toBeVisible();
  await expect(example.network).not.toContainText('pending');
  await example.network.getByRole('button', { name: /cpython/ }).click();
  await expect(example.region.locator('.network-details')).toContainText(
    'still open: The run ended waiting forever',
  );
});

test('at 1280 px the Network table shows whole URLs when it has the room', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/lessons/first-request/');
  const example = liveExample(page, 'Your first GET request');
  await runToEnd(example, 60_000);
  const request = example.network.locator('.network-request').first();
  await expect(request).toHaveText('GET api.github.com/repos/python/cpython');
  const cut = await request.evaluate((element) => element.scrollWidth > element.clientWidth);
  expect(cut).toBe(false);
});
