/**
 * Lesson 12, Streaming: its examples read a body as it arrives in the browser sandbox, the Network
 * log shows a streamed body and a body the program cancelled, Simulate reaches a streaming example,
 * and a body that stops arriving is named as what the program waits on.
 */
import { consoleLines, expect as baseExpect, liveExample, replaceCode, test } from './fixtures';

// Monaco and esbuild load on demand; on a busy two-core machine that can take longer than 5 s.
const expect = baseExpect.configure({ timeout: 30_000 });

const LESSON = '/lessons/streaming/';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('streaming: lines print as they arrive, the Network log keeps the stream and a cancel, Simulate reaches it', async ({
  page,
}) => {
  await page.goto(LESSON);

  // NDJSON, a line every half second: the first line is on the Console while the run still goes on.
  const ndjson = liveExample(page, 'Read NDJSON line by line');
  await ndjson.run.click();
  await expect(ndjson.console.locator('.console-line').first()).toHaveText(
    '#1: 21.7 °C, average so far 21.70 °C',
  );
  // Read at once: the last line is still two seconds away.
  expect(await ndjson.status.innerText()).toBe('Running…');
  await expect(ndjson.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(ndjson.console)).toHaveLength(5);
  const stream = ndjson.network.getByRole('button', { name: /GET \/stream\/5/ });
  await expect(ndjson.network.locator('tbody tr')).toHaveCount(1);
  await expect(ndjson.network).toContainText('200 OK');
  await stream.click();
  const details = ndjson.region.locator('.network-details');
  await expect(details).toContainText('content-type: application/x-ndjson; charset=utf-8');
  await expect(details).toContainText('{"seq":5,"celsius":18.5}');

  // Simulate on the same example: offline, fetch rejects before there is a body.
  await ndjson.simulate.selectOption('offline');
  await ndjson.run.click();
  await expect(ndjson.status).toHaveText(/^Failed after \d+ ms: TypeError: Failed to fetch/);
  await expect(ndjson.network).toContainText('failed');

  // A break out of for await cancels an endless event stream: the run ends at once, and the
  // Network log says the program cancelled the body.
  const cancel = liveExample(page, 'Cancel an endless stream');
  await cancel.run.click();
  await expect(cancel.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(cancel.console)).toEqual([
    '#1: {"seq":1,"celsius":21.7}',
    '#2: {"seq":2,"celsius":25.4}',
    '#3: {"seq":3,"celsius":20.1}',
    expect.stringMatching(/^stopped after \d\.\d s, not 500$/),
  ]);
  await cancel.network.getByRole('button', { name: /GET \/sse/ }).click();
  await expect(cancel.region.locator('.network-details')).toContainText(
    /200 OK: The program cancelled the body after \d+ bytes had arrived/,
  );

  // A body that stops arriving, read with no deadline: the run ends at once and says what it waits on.
  await replaceCode(
    page,
    cancel,
    [
      "const response = await fetch('https://api.example.com/stream/5?stall_after=2');",
      'console.log(response.status);',
      'await response.text();',
    ].join('\n'),
  );
  await cancel.run.click();
  await expect(cancel.status).toHaveText(
    /^Waiting forever: GET \/stream\/5\?stall_after=2 sent its headers, then its body stopped arriving/,
  );
  expect(await consoleLines(cancel.console)).toEqual(['200']);
});
