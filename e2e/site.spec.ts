import { test, expect, readLessons, watchPage } from './fixtures';

test('the home page lists every lesson in order and each link opens it', async ({
  page,
  lessons,
}) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'HTTP Clients and API Calls' }),
  ).toBeVisible();
  const list = page.getByRole('region', { name: 'Lessons' }).getByRole('listitem');
  await expect(list).toHaveCount(lessons.length);
  for (const [index, lesson] of lessons.entries()) {
    await expect(list.nth(index).getByRole('heading', { level: 3 })).toHaveText(lesson.title);
  }
  for (const lesson of lessons) {
    await page.goto('/');
    await page
      .getByRole('region', { name: 'Lessons' })
      .getByRole('link', { name: lesson.title, exact: true })
      .click();
    await expect(page).toHaveURL(new RegExp(`${lesson.url}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
  }
});

// One test per lesson: eleven lessons with four page loads each overran one test's time on a busy machine.
const courseLessons = readLessons();
for (const [index, lesson] of courseLessons.entries()) {
  test(`${lesson.slug}: marks the current lesson, has a table of contents and links to its neighbours`, async ({
    page,
    lessons,
  }) => {
    await page.goto(lesson.url);
    const course = page.getByRole('navigation', { name: 'Course' });
    await expect(course.getByRole('link')).toHaveCount(lessons.length);
    await expect(course.locator('[aria-current="page"]')).toHaveText(new RegExp(lesson.title));

    const toc = page.getByRole('navigation', { name: 'On this page' });
    const tocLinks = toc.getByRole('link');
    expect(await tocLinks.count()).toBeGreaterThan(1);
    for (const href of await tocLinks.evaluateAll((links) =>
      links.map((a) => a.getAttribute('href')!),
    )) {
      await expect(page.locator(href), `heading for ${href}`).toHaveCount(1);
    }
    await expect(page.getByRole('heading', { name: 'What you’ll learn' })).toBeVisible();

    const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
    const previous = lessons[index - 1];
    const next = lessons[index + 1];
    if (previous) {
      await pager.getByRole('link', { name: new RegExp(`Previous`) }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(previous.title);
      await page.goBack();
    } else {
      await expect(pager.getByRole('link', { name: /Previous/ })).toHaveCount(0);
    }
    if (next) {
      await pager.getByRole('link', { name: /Next/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(next.title);
    } else {
      await expect(pager.getByRole('link', { name: /Next/ })).toHaveCount(0);
    }
  });
}

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
  await page.goto('/');
  // Pagefind also returns pages with a word the query starts with: "zyx…" found zod's `z.object`, so
  // the made-up word must not begin with a one-letter word from the course.
  await page.getByRole('searchbox', { name: 'Search lessons' }).fill('kwyjibo');
  await expect(page.getByRole('search').getByRole('status')).toHaveText(
    /No lessons mention “kwyjibo”/,
  );
});
