import type { Page } from '@playwright/test';
import { expect as baseExpect, liveExample, replaceCode, test } from './fixtures';

// The compiler loads on demand after an edit; on a busy two-core machine that can take a while.
const expect = baseExpect.configure({ timeout: 30_000 });

const LESSON = '/lessons/first-request/';
const FIRST = 'Your first GET request';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Every URL the page and its workers request, and the scripts of the workers it starts. */
function watchLoads(page: Page) {
  const requests: string[] = [];
  const workers: string[] = [];
  page.context().on('request', (request) => requests.push(request.url()));
  page.on('worker', (worker) => workers.push(worker.url()));
  return {
    wasm: () => requests.filter((url) => /\.wasm(\?|$)/.test(url)),
    compiled: () => requests.filter((url) => /\/compiled\/[0-9a-f]{64}\.json$/.test(url)),
    compilerWorkers: () => workers.filter((url) => /compiler-worker/.test(url)),
    sandboxWorkers: () => workers.filter((url) => /sandbox-worker/.test(url)),
  };
}

test('while the reader reads, the sandbox frame starts, fetching nothing and running no sandbox', async ({
  page,
}) => {
  const loads = watchLoads(page);
  const sandboxScripts: string[] = [];
  page.on('request', (request) => {
    if (/sandbox-worker/.test(request.url())) sandboxScripts.push(request.url());
  });
  await page.goto(LESSON);
  // Started after the load event, at the first idle moment: a Run pressed at once need not wait for it.
  await expect(page.locator('iframe[title="Code sandbox"]')).toHaveCount(1);
  await page.waitForTimeout(500);
  expect(sandboxScripts).toEqual([]);
  expect(loads.sandboxWorkers()).toEqual([]);
  expect(loads.compiled()).toEqual([]);
});

test('the first Run of an unedited example uses the build’s output: no esbuild.wasm, no compiler worker', async ({
  page,
}) => {
  const loads = watchLoads(page);
  await page.goto(LESSON);
  const first = liveExample(page, FIRST);
  await first.region.hover();
  await first.run.click();
  await expect(first.status).toHaveText(/^Finished in \d+ ms\.$/);
  await expect(first.console.locator('.console-line').first()).toHaveText('200');
  expect(loads.compiled()).toHaveLength(1);
  expect(loads.sandboxWorkers().length).toBeGreaterThan(0);
  // After the run the editor loads by itself (the reader may edit next); still no compiler.
  await expect(first.region).toHaveAttribute('data-editor', 'ready', { timeout: 40_000 });
  await first.run.click();
  await expect(first.region).toHaveAttribute('data-state', 'finished');
  expect(loads.wasm()).toEqual([]);
  expect(loads.compilerWorkers()).toEqual([]);
});

test('an edit starts loading the compiler before Run, and the edited code runs', async ({
  page,
}) => {
  const loads = watchLoads(page);
  await page.goto(LESSON);
  const first = liveExample(page, FIRST);
  const wasmRequested = page.context().waitForEvent('request', {
    predicate: (request) => /esbuild.*\.wasm/.test(request.url()),
    timeout: 40_000,
  });
  await replaceCode(
    page,
    first,
    "const response = await fetch('https://api.github.com/repos/python/cpython');\n" +
      "console.log('edited', response.status);",
  );
  // Loading started as the reader typed, not when they pressed Run.
  await wasmRequested;
  expect(loads.compilerWorkers()).toHaveLength(1);
  await first.run.click();
  await expect(first.status).toHaveText(/^Finished in \d+ ms\.$/);
  await expect(first.console.locator('.console-line')).toHaveText(['edited 200']);
});
