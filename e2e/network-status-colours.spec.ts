import { axe, expect as baseExpect, liveExample, test } from './fixtures';

// Monaco and esbuild load on demand; on a busy two-core machine that can take longer than 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

// One run per status class the table colours; the cell's text stays the signal, colour is a second one.
const CASES = [
  { simulate: 'Normal', text: '200 OK', colour: 'status-2xx' },
  { simulate: 'Not found (404)', text: '404 Not Found', colour: 'status-4xx' },
  { simulate: 'Server error (500)', text: '500 Internal Server Error', colour: 'status-5xx' },
  { simulate: 'Offline', text: 'failed', colour: 'status-failed' },
] as const;

// Both themes on one page: the Dark theme toggle switches colours in place, so each run's rows are
// checked in light and in dark without loading the page and the editor twice.
test('Network statuses are coloured by class with readable contrast (light and dark)', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/lessons/first-request/');
  const first = liveExample(page, 'Your first GET request');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  const colours = { light: new Set<string>(), dark: new Set<string>() };
  for (const { simulate, text, colour } of CASES) {
    await first.simulate.selectOption({ label: simulate });
    await first.run.click();
    const status = first.network.getByRole('cell', { name: text, exact: true });
    await expect(status).toBeVisible();
    await expect(status).toHaveClass(new RegExp(`\\b${colour}\\b`));
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.locator('html').getAttribute('data-theme')) !== theme) await toggle.click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      colours[theme].add(await status.evaluate((cell) => getComputedStyle(cell).color));
      const results = await axe(page)
        .include('.network-table')
        .withRules(['color-contrast'])
        .analyze();
      expect(
        results.violations,
        `${simulate}, ${theme}: ${JSON.stringify(results.violations)}`,
      ).toEqual([]);
    }
  }
  // 4xx, 5xx and failed may share a hue with 5xx; 2xx and 4xx must differ from each other and 5xx.
  expect(colours.light.size).toBeGreaterThanOrEqual(3);
  expect(colours.dark.size).toBeGreaterThanOrEqual(3);
});
