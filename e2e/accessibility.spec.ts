import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { axe, test, expect, readLessons } from './fixtures';

const pages = [
  '/',
  ...readLessons().map((lesson) => lesson.url),
  '/mock-api/',
  '/teach/authoring/',
  '/teach/grade/',
  '/no-such-page/',
];
/** Lessons whose code blocks get their own contrast check: every language, and the most code. */
const codePages = ['/lessons/first-request/', '/lessons/common-mistakes/'];
const CODE = '.expressive-code';

function seriousViolations(results: AxeResults): string[] {
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.help}) at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

async function open(page: Page, url: string, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

// One test per page: every rule in the light theme, then the colour rules in the dark one (the
// themes differ only in colour; the page's own toggle switches them). Code blocks (thousands of token spans, most of axe's time) are
// checked for contrast on their own below, on the lessons with every language and the most code.
for (const url of pages) {
  test(`axe: no serious or critical violations on ${url} (light, then dark colours)`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await open(page, url, 'light');
    const light = seriousViolations(await axe(page).exclude(CODE).analyze());
    expect(light, light.join('\n')).toEqual([]);
    // Dark as a reader turns it on, with the header's toggle: no second page load.
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const dark = seriousViolations(
      await axe(page).withRules(['color-contrast', 'link-in-text-block']).exclude(CODE).analyze(),
    );
    expect(dark, dark.join('\n')).toEqual([]);
  });
}

for (const url of codePages) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: code blocks on ${url} have readable contrast (${theme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await open(page, url, theme);
      const results = await axe(page).include(CODE).withRules(['color-contrast']).analyze();
      expect(results.passes.length + results.violations.length, 'axe saw the code').toBeGreaterThan(
        0,
      );
      const serious = seriousViolations(results);
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
