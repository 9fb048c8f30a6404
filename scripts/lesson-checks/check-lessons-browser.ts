/**
 * The lesson check in the real browser sandbox: opens every lesson of a built site in headless
 * Chromium, presses Run on every runnable example and compares its Console with the expected output
 * (same `…` wildcard as the Node check). Slower than check-lessons.test.ts, so it is not part of
 * `npm run unit`; run it after `npm run build` when the runner or the lessons change a lot:
 *
 *   npx tsx scripts/lesson-checks/check-lessons-browser.ts [--dir dist] [folder-or-slug ...]
 *
 * It prints one line per example with the time from clicking Run to the finished status, then the
 * median, and exits non-zero if any example's Console differs from its lesson.
 */
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../build/chromium-options.ts';
import { serveStatic } from '../build/serve-static.ts';
import { diffOutput } from './check-lessons-compare.ts';
import { describe, readAllLessons } from './check-lessons.ts';

const { values, positionals } = parseArgs({
  options: { dir: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4390' } },
  allowPositionals: true,
});
const base = `http://127.0.0.1:${values.port}`;
// In this process, not a child: a child's own children outlived `kill()` and kept the port.
const server = await serveStatic(values.dir!, Number(values.port));

const problems: string[] = [];
const durations: number[] = [];
try {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage();
  const lessons = readAllLessons().filter(
    (lesson) =>
      positionals.length === 0 ||
      positionals.some((name) => lesson.folder.includes(name) || lesson.slug === name),
  );
  for (const lesson of lessons) {
    await page.goto(`${base}/lessons/${lesson.slug}/`);
    for (const example of lesson.examples.filter((e) => e.kind === 'ts')) {
      const region = page.getByRole('region', { name: example.title, exact: true });
      const status = region.getByRole('status');
      const started = performance.now();
      await region.getByRole('button', { name: 'Run' }).click();
      await status
        .filter({ hasText: /^(Finished|Failed|Time limit|Did not run|Stopped|The example)/ })
        .waitFor({
          timeout: example.timeout + 30_000,
        });
      const ms = Math.round(performance.now() - started);
      durations.push(ms);
      // The Console renders in batches: give it a moment to show as many lines as expected.
      const log = region.getByRole('log', { name: 'Console' }).locator('.console-line');
      const wanted = (example.expected ?? '').trimEnd().split('\n').length;
      let lines = await log.allInnerTexts();
      for (let tries = 0; tries < 20 && lines.join('\n').split('\n').length < wanted; tries += 1) {
        await page.waitForTimeout(100);
        lines = await log.allInnerTexts();
      }
      const statusText = (await status.innerText()).trim();
      const diff =
        example.expected === null ? null : diffOutput(example.expected, lines.join('\n'));
      const failed = !statusText.startsWith('Finished') ? `ended with "${statusText}"` : null;
      const problem = failed ?? (diff ? `printed something else.\n${diff}` : null);
      console.log(`${problem ? '✗' : '✓'} ${describe(example)} (${ms} ms)`);
      if (problem) problems.push(`${describe(example)} in the browser ${problem}`);
    }
  }
  await browser.close();
} finally {
  server.close();
}

durations.sort((a, b) => a - b);
const median = durations[Math.floor(durations.length / 2)] ?? 0;
for (const problem of problems) console.error(`\n${problem}`);
console.log(
  `\n${durations.length} examples, median Run-to-finished ${median} ms, ${problems.length} problem(s)`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
