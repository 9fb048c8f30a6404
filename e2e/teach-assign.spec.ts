/**
 * The Assign page (/teach/), driven by role and name: pick two exercises, fill the fields, create
 * the link, and decode it with the same module the grader uses. No request leaves the page.
 */
import { readFile } from 'node:fs/promises';
import { encode } from 'uqr';
import { decodeAssignmentLink } from '../src/teach/assignment-link.ts';
import { loadCatalog } from '../src/teach/node/exercise-catalog.ts';
import { axe, expect, test, watchPage } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a teacher creates an assignment link for two exercises, copies it and gets a sheet', async ({
  page,
}) => {
  const problems = watchPage(page);
  await page.goto('/teach/');
  const table = page.getByRole('table', { name: 'Exercises' });
  await expect(table).toBeVisible();
  const catalog = await loadCatalog();
  expect(catalog.length).toBeGreaterThanOrEqual(2);
  const [first, second] = catalog as [(typeof catalog)[0], (typeof catalog)[0]];

  // Nothing picked yet: the page says what is missing instead of making a link.
  await page.getByRole('button', { name: 'Create assignment link' }).click();
  await expect(page.getByRole('alert')).toContainText('Pick at least one exercise');

  // At 1280 px the table fits the page's width: every column, Points included, is in view.
  const region = page.getByRole('region', { name: 'Exercises table' });
  expect(await region.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
  const points = table.getByRole('spinbutton', { name: `Points for ${first.title}` });
  await points.scrollIntoViewIfNeeded();
  expect(await region.evaluate((element) => element.scrollLeft)).toBe(0);
  await expect(points).toBeInViewport({ ratio: 1 });

  await table.getByRole('checkbox', { name: first.title }).check();
  await table.getByRole('checkbox', { name: second.title }).check();
  await table.getByRole('spinbutton', { name: `Points for ${second.title}` }).fill('10');
  await expect(page.getByText('2 exercises picked.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Assignment title' }).fill('Week 3: =errors');
  await page.getByRole('textbox', { name: 'Instructions (optional)' }).fill('Both, please.');
  await page.getByLabel('Due').fill('2026-12-01T23:59');
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(page.getByText(`Time zone: ${zone}`)).toBeVisible();
  await page.getByRole('button', { name: 'Create assignment link' }).click();

  const linkBox = page.getByRole('textbox', { name: 'Assignment link' });
  await expect(linkBox).toHaveValue(/\/teach\/assignment\/#a=/);
  await expect(linkBox).toHaveAttribute('readonly', '');
  const link = await linkBox.inputValue();
  const decoded = await decodeAssignmentLink(link);
  if (!decoded.ok) throw new Error(decoded.message);
  expect(decoded.assignment).toMatchObject({
    title: 'Week 3: =errors',
    instructions: 'Both, please.',
    timeZone: zone,
    exercises: [
      { id: first.id, fingerprint: first.fingerprint },
      { id: second.id, fingerprint: second.fingerprint, points: 10 },
    ],
  });
  expect(decoded.assignment.due).toMatch(/^2026-12-01T23:59:00[+-]\d\d:\d\d$/);

  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByRole('heading', { name: 'Week 3: =errors' })).toBeVisible();
  await expect(page.getByText(`${second.title}: 10 points`)).toBeVisible();
  // The sheet carries the link as a QR code too: the same modules uqr makes for exactly this link.
  const qr = page.getByRole('img', { name: 'QR code of the link to Week 3: =errors' });
  await expect(qr).toBeVisible();
  const { data } = encode(link, { ecc: 'M', border: 4 });
  const modules = data.flatMap((row, y) =>
    row.flatMap((on, x) => (on ? [`M${x} ${y}h1v1h-1z`] : [])),
  );
  expect(await qr.locator('path').getAttribute('d')).toBe(modules.join(''));
  expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(150);
  expect(link.length).toBeLessThan(500);
  const results = await axe(page).include('#assign-result').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

/** The lessons beyond the source lesson, each with the titles of its exercises. */
const NEW_LESSONS: [lesson: string, titles: string[]][] = [
  ['11-deadlines', ['A sleep that a signal can end', 'One deadline across retries']],
  [
    '12-streaming',
    [
      'Read an NDJSON stream line by line, with a byte cap',
      'An idle timeout that restarts with each piece, under a total deadline',
    ],
  ],
  [
    '13-conditional-requests',
    [
      'A cache that honours max-age and revalidates with If-None-Match',
      'Update with If-Match, and merge on 412',
    ],
  ],
  ['14-redirects', ['Follow redirects by hand', 'A token that stays on HTTPS']],
  ['15-testing', ['Script a fake server', 'Write the test that catches the planted bug']],
];

test('the catalogue lists the exercises of every lesson beyond the source lesson', async ({
  page,
}) => {
  await page.goto('/teach/');
  const table = page.getByRole('table', { name: 'Exercises' });
  for (const [lesson, titles] of NEW_LESSONS) {
    await page.getByRole('combobox', { name: 'Lesson' }).selectOption(lesson);
    for (const title of titles) {
      await expect(
        table.getByRole('checkbox', { name: title }),
        `${lesson}: ${title}`,
      ).toBeVisible();
    }
  }
});

test('filters by lesson and skill; usable with the keyboard at 390 px; axe clean', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/teach/');
  const catalog = await loadCatalog();
  const table = page.getByRole('table', { name: 'Exercises' });
  const target = catalog[catalog.length - 1]!;
  await page.getByRole('combobox', { name: 'Lesson' }).selectOption(target.lesson);
  for (const exercise of catalog) {
    const row = table.getByRole('row', {
      name: new RegExp(exercise.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    });
    if (exercise.lesson === target.lesson) await expect(row).toBeVisible();
    else await expect(row).toBeHidden();
  }
  // The filters speak the course's words: lesson titles, and skills grouped by lesson.
  const title = /^title:\s*['"]?(.+?)['"]?$/m.exec(
    await readFile(`lessons/${target.lesson}/index.mdx`, 'utf8'),
  )![1]!;
  await expect(
    page.getByRole('combobox', { name: 'Lesson' }).getByRole('option', { selected: true }),
  ).toHaveText(new RegExp(`^\\d+\\. ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  // (Playwright's role selectors do not reach an <optgroup>: its label is read from the element.)
  const skillGroups = page.getByRole('combobox', { name: 'Skill' }).locator('optgroup');
  expect(await skillGroups.count()).toBeGreaterThan(1);
  await expect(skillGroups.first()).toHaveAttribute('label', /^\d+\. [A-Z]/);
  const skillNames = await page
    .getByRole('combobox', { name: 'Skill' })
    .getByRole('option')
    .allTextContents();
  expect(new Set(skillNames).size).toBe(skillNames.length);
  await page.getByRole('combobox', { name: 'Lesson' }).selectOption('');
  await page.getByRole('combobox', { name: 'Skill' }).selectOption(target.skills[0]!);
  await expect(table.getByRole('checkbox', { name: target.title })).toBeVisible();

  // Keyboard: focus the checkbox and press Space.
  await table.getByRole('checkbox', { name: target.title }).focus();
  await page.keyboard.press('Space');
  await expect(table.getByRole('checkbox', { name: target.title })).toBeChecked();

  const results = await axe(page).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the Assign page links to Write exercises, which documents every frontmatter field and scenario', async ({
  page,
}) => {
  await page.goto('/teach/');
  await page.getByRole('link', { name: 'Write exercises' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Write exercises');
  const fields = page.getByRole('region', { name: 'Frontmatter fields' }).getByRole('rowheader');
  await expect(fields).toHaveText(['id', 'title', 'difficulty', 'minutes', 'skills', 'hints']);
  const scenarios = page.getByRole('region', { name: 'Scenarios' }).getByRole('rowheader');
  await expect(scenarios.first()).toHaveText('normal');
  await expect(scenarios.filter({ hasText: /^hang$/ })).toHaveCount(1);
  // The example is the real checks file of fetch-user, not a copy that can drift.
  await expect(
    page.locator('.expressive-code').filter({ hasText: 'UserNotFoundError' }).first(),
  ).toBeVisible();
});

test('teachers find the tools: "For teachers" on the home page and in every page\'s footer', async ({
  page,
}) => {
  await page.goto('/');
  // Navigations on a loaded two-core machine can take more than the default 5 s.
  const navigation = { timeout: 20_000 };
  await page.getByRole('main').getByRole('link', { name: 'For teachers' }).click();
  await expect(page).toHaveURL(/\/teach\/$/, navigation);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Assign exercises');

  // From a lesson, through the footer.
  await page.goto('/');
  await page.getByRole('link', { name: /^Start with/ }).click();
  await expect(page).toHaveURL(/\/lessons\//, navigation);
  await page.getByRole('contentinfo').getByRole('link', { name: 'For teachers' }).click();
  await expect(page).toHaveURL(/\/teach\/$/, navigation);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Assign exercises');
});

test('axe: the Assign page with its sheet is clean in the light and the dark theme at 1280 px', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/teach/');
  const table = page.getByRole('table', { name: 'Exercises' });
  await table.getByRole('checkbox').first().check();
  await page.getByRole('textbox', { name: 'Assignment title' }).fill('Week 1');
  await page.getByLabel('Due').fill('2026-12-01T23:59');
  await page.getByRole('button', { name: 'Create assignment link' }).click();
  await expect(page.getByRole('img', { name: 'QR code of the link to Week 1' })).toBeVisible();
  const serious = (results: { violations: { id: string; impact?: string | null }[] }) =>
    results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  expect(serious(await axe(page).analyze())).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(
    serious(await axe(page).withRules(['color-contrast', 'link-in-text-block']).analyze()),
  ).toEqual([]);
});
