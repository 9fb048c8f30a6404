/**
 * The red-team's attempts to freeze the page (not the worker) with hostile output, each typed into a
 * live example as a learner would. The page must stay responsive, show capped output, and tell the truth
 * about how the run ended.
 */
import {
  allowTime,
  expect as baseExpect,
  liveExample,
  openOnce,
  replaceCode,
  runToEnd,
  sharedPageTest as test,
  type LiveExample,
} from './fixtures';
import type { Page } from '@playwright/test';

const expect = baseExpect.configure({ timeout: 30_000 });

const LESSON = '/lessons/first-request/';
const FIRST = 'Your first GET request';

// Every test shares one page (see sharedPageTest), in one worker, in order.
test.describe.configure({ mode: 'default' });
// No trace: Playwright's trace snapshots the whole DOM in the page's main thread on every step (2.5 s
// of it with 1,000 Network rows on a busy machine), which the heartbeat would blame on the page.
test.use({ trace: 'off' });
test.describe.configure({ timeout: 120_000 });

/**
 * Starts a heartbeat in the page that records the longest gap between timer ticks: how long the main
 * thread was blocked. The red-team's attacks froze it for 24 to 48 s, and for minutes.
 */
async function startHeartbeat(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { last: performance.now(), longest: 0 };
    (window as unknown as { heartbeat: typeof state }).heartbeat = state;
    setInterval(() => {
      const now = performance.now();
      state.longest = Math.max(state.longest, now - state.last);
      state.last = now;
    }, 20);
  });
}

function longestBlock(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { heartbeat: { longest: number } }).heartbeat.longest,
  );
}

async function runHostile(page: Page, code: string): Promise<LiveExample> {
  await openOnce(page, LESSON);
  const first = liveExample(page, FIRST);
  await replaceCode(page, first, code);
  // The attacks take seconds of sandbox time on a busy machine; what is tested is the page meanwhile.
  await allowTime(first, 60_000);
  await startHeartbeat(page);
  await runToEnd(first, 70_000);
  await expect(first.status).toHaveText(/^(Finished|Failed|Time limit|Stopped)/);
  return first;
}

/** Longest text of any Console line and of the status line, as rendered. */
async function renderedLengths(first: LiveExample) {
  const lines = await first.console.locator('.console-line').allInnerTexts();
  return {
    lines: lines.length,
    longestLine: Math.max(0, ...lines.map((line) => line.length)),
    status: (await first.status.innerText()).length,
  };
}

// A guard against the class of freeze these attacks caused (24 s, 48 s, minutes), not a performance
// target: the heartbeat is wall time, and on a shared two-core machine at a load of 16 a burst of
// ordinary rendering already measured 3 to 4 s. The typical pause is reported, not asserted.
const A_MOMENT_MS = 10_000;

test('freeze: one console.log of 100 x 100 strings of 10 kB shows capped and the page stays responsive', async ({
  lessonPage: page,
}) => {
  const first = await runHostile(
    page,
    [
      "const chunk = 'x'.repeat(10_000);",
      'const grid = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => chunk));',
      'console.log(grid);',
      "console.log('after');",
    ].join('\n'),
  );
  await expect(first.status).toHaveText(/^Finished in/);
  const lengths = await renderedLengths(first);
  expect(lengths.longestLine).toBeLessThanOrEqual(21_000);
  await expect(first.console.locator('.console-line').last()).toHaveText('after');
  expect(await longestBlock(page)).toBeLessThan(A_MOMENT_MS);
});

test('freeze: an Error with a 48 MB message shows a short status line and a capped error', async ({
  lessonPage: page,
}) => {
  const first = await runHostile(page, "throw new Error('y'.repeat(48_000_000));");
  await expect(first.status).toHaveText(/^Failed/);
  const lengths = await renderedLengths(first);
  expect(lengths.status).toBeLessThanOrEqual(2_500);
  expect(lengths.longestLine).toBeLessThanOrEqual(2_500);
  await expect(first.console.locator('.console-line').first()).toContainText(
    'more characters not shown',
  );
  expect(await longestBlock(page)).toBeLessThan(A_MOMENT_MS);
});

const TWENTY_THOUSAND_BLOCKED = [
  'const attempts = Array.from({ length: 20_000 }, (_, i) =>',
  '  fetch(`https://elsewhere.example/${i}`).catch(() => null),',
  ');',
  'await Promise.all(attempts);',
  "console.log('done');",
].join('\n');

test('freeze: 20,000 requests that never leave show at most 1,000 rows, with a note', async ({
  lessonPage: page,
}) => {
  const first = await runHostile(page, TWENTY_THOUSAND_BLOCKED);
  await expect(first.status).toHaveText(/^Finished in/);
  // The header row plus at most 1,000 request rows.
  expect(await first.network.getByRole('row').count()).toBeLessThanOrEqual(1_001);
  await expect(first.console).toContainText('it lists the first 1000 of a run');
  // Why a request was blocked is said once, not 20,000 times.
  await expect(first.console.getByText(/was blocked: examples can only reach/)).toHaveCount(1);
  const lengths = await renderedLengths(first);
  expect(lengths.lines).toBeLessThanOrEqual(2_200);
  await expect(first.console.locator('.console-line').last()).toHaveText('done');
});

test('freeze: the page stays responsive while 20,000 requests are refused', async ({
  lessonPage: page,
}) => {
  await runHostile(page, TWENTY_THOUSAND_BLOCKED);
  expect(await longestBlock(page)).toBeLessThan(A_MOMENT_MS);
});

test('freeze: errors thrown from 5,000 timers count against the output cap', async ({
  lessonPage: page,
}) => {
  const first = await runHostile(
    page,
    "for (let i = 0; i < 5_000; i++) setTimeout(() => { throw new Error('boom ' + i); }, 0);",
  );
  const lengths = await renderedLengths(first);
  expect(lengths.lines).toBeLessThanOrEqual(2_200);
  expect(await longestBlock(page)).toBeLessThan(A_MOMENT_MS);
});

test('freeze: 1,000 requests with 60 kB URLs and 50 headers of 1 kB show cut rows and the page stays responsive', async ({
  lessonPage: page,
}) => {
  const first = await runHostile(
    page,
    [
      "const path = 'a'.repeat(60_000);",
      "const headers = Object.fromEntries(Array.from({ length: 50 }, (_, i) => ['x-h' + i, 'v'.repeat(1_000)]));",
      'const requests = [];',
      'for (let i = 0; i < 1_000; i++) {',
      "  requests.push(fetch('https://api.example.com/' + i + path, { headers }).catch(() => null));",
      '}',
      'await Promise.all(requests);',
      "console.log('done');",
    ].join('\n'),
  );
  await expect(first.console.locator('.console-line').last()).toHaveText('done');
  expect(await first.network.getByRole('row').count()).toBeLessThanOrEqual(1_001);
  const longestCell = await first.network
    .getByRole('cell')
    .evaluateAll((cells) => Math.max(0, ...cells.map((cell) => cell.textContent?.length ?? 0)));
  expect(longestCell).toBeLessThan(2_100);
  expect(await longestBlock(page)).toBeLessThan(A_MOMENT_MS);
});
