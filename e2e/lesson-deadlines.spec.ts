/**
 * Lesson 11, Deadlines: its examples run in the browser sandbox, the Network log shows what the
 * retry loop sent, and Simulate changes what the deadline meets.
 */
import { consoleLines, expect as baseExpect, liveExample, test } from './fixtures';

// Monaco and esbuild load on demand; on a busy two-core machine that can take longer than 5 s.
const expect = baseExpect.configure({ timeout: 30_000 });

const LESSON = '/lessons/deadlines/';

test('deadlines: a cancel ends the wait between retries, with one request in the Network log', async ({
  page,
}) => {
  await page.goto(LESSON);
  const example = liveExample(page, 'A cancel goes all the way down');
  await example.run.click();
  await expect(example.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(example.console)).toEqual([
    'attempt 1: 503, retrying in 2000 ms',
    'AbortError after 1 s: The user closed the dialog',
    'the very reason the caller gave: true',
  ]);
  // The cancel came during the wait: no second request was sent.
  await expect(example.network.locator('tbody tr')).toHaveCount(1);
  await expect(example.network).toContainText('503');
});

test('deadlines: with Simulate on Hang, the body example still ends at its deadline', async ({
  page,
}) => {
  await page.goto(LESSON);
  const example = liveExample(page, 'The body under the same deadline');
  await example.simulate.selectOption('hang');
  await example.run.click();
  // fetch itself never gets its headers now: the same signal ends it, after one second, with the
  // TimeoutError that the example does not catch (its try only wraps the body).
  await expect(example.status).toHaveText(/^Failed after \d+ ms: TimeoutError: /);
  await expect(example.network.locator('tbody tr')).toHaveCount(1);
});
