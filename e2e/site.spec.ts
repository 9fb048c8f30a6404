import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect, watchPage } from './fixtures';

const SITE = resolve(import.meta.dirname, '..', process.env.E2E_DIR ?? 'dist');

/**
 * A made-up word that no page can match. Pagefind also returns pages holding a word the query starts
 * with ("kwyjibo" found a lesson's one-letter variable `k`), so none of the word's beginnings may be
 * a word anywhere on the built site.
 */
function wordNoPageHas(): string {
  const words = new Set<string>();
  for (const file of readdirSync(SITE, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.html')) continue;
    const text = readFileSync(join(SITE, file), 'utf8').toLowerCase();
    for (const word of text.match(/[a-z0-9]+/g) ?? []) words.add(word);
  }
  const found = ['kwyjibo', 'vwxqzj', 'jxqvzw', 'yqzvxj', 'ujqzxv', 'lqzjxv'].find(
    (candidate) => ![...candidate].some((_, end) => words.has(candidate.slice(0, end + 1))),
  );
  if (!found) throw new Error('Every made-up word begins with a word of the site: add another.');
  return found;
}

test('the home page lists every lesson in order, each linked, and the first link opens it', async ({
  page,
  lessons,
}) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'HTTP Clients and API Calls' }),
  ).toBeVisible();
  const region = page.getByRole('region', { name: 'Lessons' });
  const list = region.getByRole('listitem');
  await expect(list).toHaveCount(lessons.length);
  for (const [index, lesson] of lessons.entries()) {
    await expect(list.nth(index).getByRole('heading', { level: 3 })).toHaveText(lesson.title);
    await expect(region.getByRole('link', { name: lesson.title, exact: true })).toHaveAttribute(
      'href',
      lesson.url,
    );
  }
  await region.getByRole('link', { name: lessons[0]!.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${lessons[0]!.url}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(lessons[0]!.title);
});

// A reader going through the course with Next: one page load per lesson (four per lesson, in a test
// of its own each, cost a minute and a half of the suite for what one walk shows).
test('reading front to back with Next: each lesson marks itself, has a working table of contents and links back with Previous', async ({
  page,
  lessons,
}) => {
  test.setTimeout(60_000 + lessons.length * 15_000);
  const course = page.getByRole('navigation', { name: 'Course' });
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
  await page.goto(lessons[0]!.url);
  for (const [index, lesson] of lessons.entries()) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
    await expect(course.getByRole('link')).toHaveCount(lessons.length);
    await expect(course.locator('[aria-current="page"]')).toHaveText(new RegExp(lesson.title));
    await expect(page.getByRole('heading', { name: 'What you’ll learn' })).toBeVisible();
    const targets = await toc
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(targets.length, `${lesson.url}: table of contents`).toBeGreaterThan(1);
    const missing = await page.evaluate(
      (hrefs) => hrefs.filter((href) => document.querySelectorAll(href).length !== 1),
      targets,
    );
    expect(missing, `${lesson.url}: contents links with no single heading`).toEqual([]);

    const previous = pager.getByRole('link', { name: /Previous/ });
    const next = pager.getByRole('link', { name: /Next/ });
    if (index === 0) await expect(previous).toHaveCount(0);
    else await expect(previous).toHaveAttribute('href', lessons[index - 1]!.url);
    if (index === lessons.length - 1) {
      await expect(next).toHaveCount(0);
      await previous.click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lessons[index - 1]!.title);
    } else {
      await next.click();
    }
  }
});

test('an unknown address shows the 404 page with a way back', async ({ page }) => {
  const response = await page.goto('/lessons/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(
    page.getByRole('heading', { level: 1, name: 'This page does not exist' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Go to the course home' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('pages load with no console errors, no failed requests and nothing leaving 127.0.0.1', async ({
  page,
  lessons,
}) => {
  const problems = watchPage(page);
  for (const url of ['/', ...lessons.map((lesson) => lesson.url), '/mock-api/']) {
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    expect(response?.status(), url).toBe(200);
  }
  const search = page.getByRole('searchbox', { name: 'Search lessons' });
  await search.fill('fetch');
  await expect(page.getByRole('search').getByRole('status')).toHaveText(/result/);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('the theme toggle switches theme and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await background();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('the theme follows the system until the reader chooses', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('search finds a lesson by a word from its body', async ({ page, lessons }) => {
  const first = lessons[0]!;
  await page.goto('/');
  // "stargazers" appears only in the body (code and text) of the first lesson, not in its title.
  await page.getByRole('searchbox', { name: 'Search lessons' }).fill('stargazers');
  const result = page.getByRole('search').getByRole('link', { name: first.title });
  await expect(result).toBeVisible();
  await result.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
});

test('search says so when nothing matches', async ({ page }) => {
  const word = wordNoPageHas();
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search lessons' }).fill(word);
  await expect(page.getByRole('search').getByRole('status')).toHaveText(
    new RegExp(`No lessons mention “${word}”`),
  );
});
