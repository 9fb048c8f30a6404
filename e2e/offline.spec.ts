import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { serveStatic } from '../scripts/build/serve-static.ts';
import { offlineFiles } from '../scripts/build/service-worker-precache.ts';
import { isPythonFile, PYTHON_CACHE } from '../src/offline/python-files.ts';
import { axe, expect as baseExpect, liveExample, replaceCode, test } from './fixtures';

// Storing the course (about 1 MB) happens after the first page load; a busy machine needs a while.
const expect = baseExpect.configure({ timeout: 30_000 });

test.use({ serviceWorkers: 'allow' });
// Storing the course, then the runs: a loaded two-core machine needs more than the default minute.
test.describe.configure({ timeout: 180_000 });

const FIRST_LESSON = '/lessons/first-request/';
const OTHER_LESSON = '/lessons/timeouts/';
const SITE = resolve(import.meta.dirname, '..', process.env.E2E_DIR ?? 'dist');

/** One visit: the page loads and its service worker has stored the course. */
async function visitOnce(page: Page): Promise<void> {
  await page.goto(FIRST_LESSON);
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready');
  await expect(page.getByText(/^Available offline/)).toBeVisible();
}

/** Paths the service worker fetched from the network, in order. */
function serviceWorkerFetches(context: BrowserContext): string[] {
  const paths: string[] = [];
  context.on('request', (request) => {
    if (request.serviceWorker()) paths.push(new URL(request.url()).pathname);
  });
  return paths;
}

/** The paths in the service worker's two stores: the first stage's and the second's. */
function storedStages(page: Page): Promise<{ essential: string[]; rest: string[] }> {
  return page.evaluate(async () => {
    const paths = async (name: string | undefined) =>
      name ? (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname) : [];
    const names = await caches.keys();
    return {
      essential: await paths(names.find((name) => name.includes('-precache-'))),
      rest: await paths('course-offline-rest'),
    };
  });
}

/** Every URL that reached the network (not answered by the service worker). */
function networkRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => {
    if (!request.serviceWorker()) urls.push(request.url());
  });
  return urls;
}

test('after one visit, with the network cut, lessons, search and the mock API reference load and an example runs', async ({
  page,
  context,
}) => {
  const fetched = serviceWorkerFetches(context);
  await visitOnce(page);
  // The second stage (other pages, the search index) follows at idle, after the first is complete.
  await expect(page.locator('html')).toHaveAttribute('data-offline-rest', 'stored');
  const expected = await offlineFiles(SITE);
  const stored = await storedStages(page);
  expect(stored.essential.sort()).toEqual(expected.essential.map((file) => `/${file}`));
  expect(stored.rest.sort()).toEqual(expected.rest.map((file) => `/${file}`));
  const lastEssential = Math.max(...stored.essential.map((path) => fetched.lastIndexOf(path)));
  const firstRest = Math.min(
    ...stored.rest.map((path) => fetched.indexOf(path)).filter((index) => index >= 0),
  );
  expect([...stored.essential, ...stored.rest].filter((path) => !fetched.includes(path))).toEqual(
    [],
  );
  expect(lastEssential).toBeLessThan(firstRest);
  await context.setOffline(true);

  await page.goto(OTHER_LESSON);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const example = liveExample(
    page,
    // A TypeScript one: the Python beside it is live too, but hidden until its tab is chosen.
    (await page
      .locator('live-example:not([data-language="python"])')
      .first()
      .getAttribute('aria-label'))!,
  );
  await example.run.click();
  await expect(example.region).toHaveAttribute('data-state', /^(finished|failed)$/);
  await expect(example.status).toHaveText(/^(Finished|Failed)/);
  await expect(example.console.locator('.console-line').first()).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search lessons' }).fill('timeout');
  await expect(
    page.getByRole('status').filter({ hasText: /results? for “timeout”/ }),
  ).toBeVisible();

  await page.goto('/mock-api/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the first lesson runs offline exactly as online: the same Console', async ({
  page,
  context,
}) => {
  await visitOnce(page);
  const first = liveExample(page, 'Your first GET request');
  await first.run.click();
  await expect(first.region).toHaveAttribute('data-state', 'finished');
  const online = await first.console.locator('.console-line').allInnerTexts();

  await context.setOffline(true);
  await page.reload();
  await first.run.click();
  await expect(first.region).toHaveAttribute('data-state', 'finished');
  expect(await first.console.locator('.console-line').allInnerTexts()).toEqual(online);
});

test('after one Python run, Python runs offline: its files come from the course-python cache', async ({
  page,
  context,
}) => {
  await visitOnce(page);
  const python = liveExample(page, 'Python: first_request.py');
  const showPython = async () => {
    // The pair holding the example (hidden while the TypeScript side shows, so not by its role).
    const tab = page
      .locator('code-pair')
      .filter({ has: page.locator('live-example[aria-label="Python: first_request.py"]') })
      .getByRole('tab', { name: 'Python (requests)' });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  };
  await showPython();
  await python.run.click();
  // The first Python run downloads and boots the runtime: on a busy machine, many seconds.
  await expect(python.region).toHaveAttribute('data-state', 'finished', { timeout: 120_000 });
  const online = await python.console.locator('.console-line').allInnerTexts();
  expect(online).toEqual(['200', 'application/json; charset=utf-8', '68432']);
  const cached = await page.evaluate(
    async (name) =>
      (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname),
    PYTHON_CACHE,
  );
  // Pyodide's wasm, the standard library, the packages, and the worker's script.
  expect(cached.filter((path) => /^\/_astro\/python\/.*\.wasm$/.test(path))).toHaveLength(1);
  expect(cached.filter((path) => /^\/_astro\/python\/.*\.zip$/.test(path))).toHaveLength(2);
  expect(cached.filter((path) => /^\/_astro\/python-worker[.-]/.test(path)).length).toBeGreaterThan(
    0,
  );
  expect(cached.every(isPythonFile)).toBe(true);

  await context.setOffline(true);
  const pythonFiles: { path: string; fromServiceWorker: boolean }[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === new URL(page.url()).origin && isPythonFile(url.pathname)) {
      pythonFiles.push({ path: url.pathname, fromServiceWorker: response.fromServiceWorker() });
    }
  });
  await page.reload();
  await showPython();
  await python.run.click();
  await expect(python.region).toHaveAttribute('data-state', 'finished', { timeout: 120_000 });
  expect(await python.console.locator('.console-line').allInnerTexts()).toEqual(online);
  // Everything Python needed came from the service worker, out of the files the first run kept.
  expect(pythonFiles.map((file) => file.path).sort()).toEqual(
    expect.arrayContaining(cached.filter((path) => path.startsWith('/_astro/python/')).sort()),
  );
  expect(pythonFiles.filter((file) => !file.fromServiceWorker)).toEqual([]);
  expect(pythonFiles.every((file) => cached.includes(file.path))).toBe(true);
});

test('the service worker never answers the mock API and learner code cannot reach it', async ({
  page,
  context,
}) => {
  const requests = networkRequests(context);
  const answeredByWorker: string[] = [];
  context.on('response', (response) => {
    if (response.fromServiceWorker()) answeredByWorker.push(response.url());
  });
  await visitOnce(page);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready');
  const first = liveExample(page, 'Your first GET request');
  await first.run.click();
  await expect(first.region).toHaveAttribute('data-state', 'finished');
  // The page's own files come from the service worker now...
  expect(answeredByWorker.some((url) => url.includes('/lessons/first-request/'))).toBe(true);
  // ...but the example's request to the API never left the sandbox: not to the network, not to it.
  for (const url of [...requests, ...answeredByWorker].filter((u) => u.startsWith('http'))) {
    expect(new URL(url).hostname).toBe('127.0.0.1');
  }
  const record = await first.region.evaluate(
    (element) =>
      (element as unknown as { record: { network: { url: string; status: number }[] } }).record,
  );
  expect(record.network).toEqual([
    expect.objectContaining({ url: 'https://api.github.com/repos/python/cpython', status: 200 }),
  ]);
});

test.describe('learner code and the service worker', () => {
  // A phone's width gives the plain text editor: this test is about the sandbox, not Monaco.
  test.use({
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 390, height: 844 },
  });

  test('the sandbox has no way to the service worker or its caches', async ({ page }) => {
    await visitOnce(page);
    const first = liveExample(page, 'Your first GET request');
    await replaceCode(
      page,
      first,
      'console.log(typeof navigator, typeof caches, typeof importScripts);\n' +
        "const response = await fetch('/sw.js').catch((error) => error);\n" +
        "console.log(response instanceof Response ? 'reached ' + response.url : 'refused');",
    );
    await first.run.click();
    // The compiler loads after the edit (esbuild.wasm, 3.7 MB): slow on a busy machine.
    await expect(first.region).toHaveAttribute('data-state', 'finished', { timeout: 90_000 });
    const lines = await first.console.locator('.console-line').allInnerTexts();
    expect(lines[0]).toBe('undefined undefined undefined');
    expect(lines[1]).not.toMatch(/^reached .*sw\.js/);
  });
});

test.describe('a new version is deployed', () => {
  // A phone's width gives the plain text editor, which a test can type into at once.
  test.use({ viewport: { width: 390, height: 844 } });

  test('the page offers to reload, keeps the reader’s edit until they choose, and the edit survives the reload', async ({
    page,
  }) => {
    // A copy of the site of our own, so "deploying" it cannot disturb the other tests.
    const copy = mkdtempSync(join(tmpdir(), 'course-deploy-'));
    cpSync(SITE, copy, { recursive: true });
    const server = await serveStatic(copy, 0);
    try {
      const address = server.address();
      const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      await page.goto(`${origin}${FIRST_LESSON}`);
      await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready');
      const first = liveExample(page, 'Your first GET request');
      await first.region.locator('pre').first().click();
      await first.editor.focus();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.type("\nconsole.log('my edit');");
      await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));

      // Deploy: the new build's service worker differs. The browser finds it when the page looks.
      appendFileSync(join(copy, 'sw.js'), '\n// the next version\n');
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

      const offer = page.getByRole('status').filter({ hasText: 'A new version of the course' });
      await expect(offer).toBeVisible();
      // Nothing was swapped: the same page, the edit still in the editor.
      await page.waitForTimeout(1000);
      expect(
        await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage),
      ).toBe(true);
      await expect(first.editor).toHaveValue(/console\.log\('my edit'\);$/);
      // The offer and the offline note are usable at 390 px and pass axe, like the rest of the page.
      await expect(page.getByText(/^Available offline/)).toBeVisible();
      const results = await axe(page).include('.update-offer').include('.offline-status').analyze();
      expect(results.violations).toEqual([]);

      const reloaded = page.waitForEvent('load');
      await offer.getByRole('button', { name: 'Reload' }).click();
      await reloaded;
      expect(
        await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage),
      ).toBeUndefined();
      await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready');
      await expect(offer).toBeHidden();
      await expect(first.edited).toBeVisible();
      await expect(first.editor).toHaveValue(/console\.log\('my edit'\);$/);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

test('a reader whose browser asks to save data gets no download unasked, and can choose offline', async ({
  page,
  context,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'connection', {
      value: { saveData: true, effectiveType: '4g' },
    });
  });
  await page.goto(FIRST_LESSON);
  const offer = page.getByRole('button', { name: 'Make the course available offline' });
  await expect(offer).toBeVisible();
  await expect(page.getByText(/asks sites to save data/)).toBeVisible();
  // Longer than a first visit waits before storing the course (5 s, then an idle moment).
  await page.waitForTimeout(7_000);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations())).toHaveLength(0);
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'offered');

  await offer.click();
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready');
  await expect(page.getByText(/^Available offline/)).toBeVisible();
  await expect(offer).toBeHidden();
  await context.setOffline(true);
  await page.goto(OTHER_LESSON);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
