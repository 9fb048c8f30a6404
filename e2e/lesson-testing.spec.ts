/**
 * Lesson 15, Testing your HTTP client: its suite runs in the browser sandbox and catches the planted
 * bug without a request leaving the fake; the same tests against the mock API fill the Network log,
 * and Simulate (Offline) makes them fail though the client has not changed.
 */
import { consoleLines, expect as baseExpect, liveExample, runToEnd, test } from './fixtures';

// Monaco and esbuild load on demand; on a busy two-core machine that can take longer than 5 s.
const expect = baseExpect.configure({ timeout: 30_000 });

const LESSON = '/lessons/testing/';

test('testing: the suite catches the planted bug; against the mock API, Offline fails two tests', async ({
  page,
}) => {
  await page.goto(LESSON);

  const planted = liveExample(page, 'A test catches a planted bug');
  await planted.run.click();
  await expect(planted.status).toHaveText(/^Finished in \d+ ms\.$/);
  const lines = await consoleLines(planted.console);
  expect(lines).toContain(
    '  ✗ a malformed Retry-After (1.5, soon): backs off instead: the waits: [1500, NaN], expected [500, 1000]',
  );
  expect(lines.at(-1)).toBe('6 passed, 1 failed');
  // The fake server answered everything: no request reached the network, mock or not.
  await expect(planted.network.locator('tbody tr')).toHaveCount(0);

  const server = liveExample(page, 'The same tests against a server');
  await server.run.click();
  await expect(server.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect((await consoleLines(server.console)).at(-1)).toBe('3 passed, 0 failed');
  // /unstable three times, /status/404 once, /unreachable four times.
  await expect(server.network.locator('tbody tr')).toHaveCount(8);
  await expect(server.network).toContainText('429');

  await server.simulate.selectOption('offline');
  await runToEnd(server);
  const offline = await consoleLines(server.console);
  expect(offline).toContain('  ✗ two 429s with Retry-After: 1.5, then an answer: Failed to fetch');
  expect(offline.at(-1)).toBe('1 passed, 2 failed');
  // Every test now meets four network failures: its four attempts, each in the log.
  await expect(server.network.locator('tbody tr')).toHaveCount(12);
});
