import AxeBuilder from '@axe-core/playwright';
import { test, expect, readLessons } from './fixtures';

const pages = ['/', ...readLessons().map((lesson) => lesson.url), '/mock-api/', '/no-such-page/'];

// One test per page and theme: axe on a long lesson takes seconds, and they run in parallel.
for (const theme of ['light', 'dark'] as const) {
  for (const url of pages) {
    test(`axe: no serious or critical violations on ${url} (${theme})`, async ({ page }) => {
      // axe on the longest lessons (exercises, eleven sections) takes most of a minute on a busy machine.
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(url);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id} (${violation.help}) at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      expect(serious, serious.join('\n')).toEqual([]);
    });
  }
}

test('keyboard only: skip link first, every control reachable with Tab, focus always visible', async ({
  page,
  lessons,
}) => {
  await page.goto(lessons[0]!.url);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  const controls = await page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => element.checkVisibility() && element.tabIndex >= 0)
      .map((element, index) => {
        element.dataset.tabProbe = String(index);
        return String(index);
      });
  });
  const reached = new Set<string>();
  for (let step = 0; step < controls.length + 20; step++) {
    const probe = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return {
        id: element.dataset.tabProbe ?? '',
        visible,
        name: element.textContent?.trim().slice(0, 40),
      };
    });
    if (probe) {
      expect(probe.visible, `focus ring visible on "${probe.name}"`).toBe(true);
      reached.add(probe.id);
    }
    await page.keyboard.press('Tab');
  }
  const missed = controls.filter((id) => !reached.has(id));
  expect(missed, 'controls never reached with Tab').toEqual([]);

  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
