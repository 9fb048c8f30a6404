/**
 * The red-team's forgeries of the run record, each typed into a live example as a learner would. Each
 * tries to make the Network table or the status lie; each must leave them telling the truth.
 */
import {
  expect as baseExpect,
  liveExample,
  openOnce,
  replaceCode,
  runToEnd,
  sharedPageTest as test,
  type LiveExample,
} from './fixtures';
import type { Page } from '@playwright/test';
import { FROZEN_SWEEP } from '../src/runner/frozen-sweep.ts';

const expect = baseExpect.configure({ timeout: 20_000 });

const LESSON = '/lessons/first-request/';
const FIRST = 'Your first GET request';

// Every test shares one page (see sharedPageTest), in one worker, in order.
test.describe.configure({ mode: 'default', timeout: 120_000 });

/** Runs `attack` (in a try, so a refusal is just a line) and then a request for a user that does not exist. */
async function runAttack(page: Page, attack: string, after = ''): Promise<LiveExample> {
  await openOnce(page, LESSON);
  const first = liveExample(page, FIRST);
  await replaceCode(
    page,
    first,
    [
      'const g = globalThis as any;',
      `try { ${attack} console.log('attack ran'); } catch { console.log('attack refused'); }`,
      after,
      "const response = await fetch('https://api.example.com/users/99999');",
      'console.log(response.status);',
    ].join('\n'),
  );
  await runToEnd(first);
  return first;
}

/** The Network table's one row says 404, as the mock API answered. */
async function networkTellsTheTruth(first: LiveExample): Promise<void> {
  const rows = first.network.getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('/users/99999');
  await expect(rows.nth(1)).toContainText('404');
  await expect(first.console.locator('.console-line').last()).toHaveText('404');
}

const FORGERIES: Record<string, string> = {
  'a Response.prototype.status getter (a 404 shown as 200)':
    "Object.defineProperty(Response.prototype, 'status', { get: () => 200 });",
  'an Object.defineProperty hook (a 404 shown as 201)':
    "const define = Object.defineProperty; (Object as any).defineProperty = (o: object, k: PropertyKey, d: PropertyDescriptor) => define(o, k, k === 'status' ? { value: 201 } : d);",
  'Request.prototype url and method getters (a request that was never made)':
    "Object.defineProperty(Request.prototype, 'url', { get: () => 'https://api.example.com/forged' }); Object.defineProperty(Request.prototype, 'method', { get: () => 'DELETE' });",
  'a Promise.prototype.then hijack (a made-up 201)':
    "const then = Promise.prototype.then; (Promise.prototype as any).then = function (this: Promise<unknown>, ok: any, ko: any) { return then.call(this, (v: any) => ok?.(v instanceof Response ? new Response('{}', { status: 201 }) : v), ko); };",
  'an Array.prototype[Symbol.iterator] capture (requests with no row)':
    'const iterate = Array.prototype[Symbol.iterator]; (Array.prototype as any)[Symbol.iterator] = function (this: unknown[]) { g.captured = this; return iterate.call(this); };',
  'global bindings swapped for fakes (Number, JSON, Object... that the runtime and checks read later)':
    "let swapped = 0; for (const name of ['Number', 'String', 'JSON', 'Object', 'Array', 'Math', 'Reflect', 'Map', 'Response', 'Headers']) { try { g[name] = () => 200; swapped += 1; } catch {} } if (swapped === 0) throw new Error('every binding is read-only');",
  'V8 stack hooks (Error.prepareStackTrace called with the call sites of later code)':
    // Assigning is allowed (code like depd assigns them) but must change nothing.
    "const E = Error as any; E.prepareStackTrace = () => 'forged'; E.stackTraceLimit = 0; if (new Error('probe').stack !== 'forged' && E.stackTraceLimit !== 0) throw new Error('the hooks have no power');",
  'a performance.now override (a longer run than it was)':
    "(performance as any).now = () => 1e7; Object.defineProperty(g.performance, 'now', { value: () => 1e7 });",
};

for (const [name, attack] of Object.entries(FORGERIES)) {
  test(`forgery: ${name} changes nothing the page shows`, async ({ lessonPage: page }) => {
    const first = await runAttack(page, attack);
    await expect(first.console.locator('.console-line').first()).toHaveText('attack refused');
    await networkTellsTheTruth(first);
    // The status is the runner's, timed outside the sandbox: a finished run of under 100 s (the
    // performance.now forgery would claim 10,000 s; a busy machine can make a real run take 11 s).
    await expect(first.status).toHaveText(/^Finished in \d{1,5} ms\.$/);
  });
}

test("forgery: msw's own response class, reached through a 1xx, is never handed out (a 404 shown as 200)", async ({
  lessonPage: page,
}) => {
  const first = await runAttack(
    page,
    "let got: any = null; try { got = await fetch('https://api.example.com/status/101'); } catch {} if (!got) throw new Error('no msw object handed out'); Object.defineProperty(Object.getPrototypeOf(got), 'status', { get: () => 200 });",
  );
  await expect(first.console.locator('.console-line').first()).toHaveText('attack refused');
  // Two rows: the 1xx failed as fetch fails it, and the missing user still says 404.
  const rows = first.network.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('/status/101');
  await expect(rows.nth(2)).toContainText('/users/99999');
  await expect(rows.nth(2)).toContainText('404');
  await expect(first.console.locator('.console-line').last()).toHaveText('404');
});

test('forgery: a Set.prototype.size getter cannot end the run while work is pending', async ({
  lessonPage: page,
}) => {
  const first = await runAttack(
    page,
    "Object.defineProperty(Set.prototype, 'size', { get: () => 0 });",
    "setTimeout(() => console.log('late line'), 300);",
  );
  await expect(first.console.locator('.console-line')).toHaveText([
    'attack refused',
    '404',
    'late line',
  ]);
  await expect(first.status).toHaveText(/^Finished in/);
});

test('forgery: untracked async sources do not exist, and a listened-to timeout keeps the run alive', async ({
  lessonPage: page,
}) => {
  await openOnce(page, LESSON);
  const first = liveExample(page, FIRST);
  await replaceCode(
    page,
    first,
    [
      'const g = globalThis as any;',
      'console.log(typeof g.scheduler, typeof g.MessageChannel, typeof g.requestIdleCallback);',
      'const signal = AbortSignal.timeout(300);',
      "signal.addEventListener('abort', () => console.log('late output kept'));",
    ].join('\n'),
  );
  await runToEnd(first);
  await expect(first.status).toHaveText(/^Finished in/);
  await expect(first.console.locator('.console-line')).toHaveText([
    'undefined undefined undefined',
    'late output kept',
  ]);
});

test('every object a program reaches through the built-ins it is given is frozen in the browser too', async ({
  lessonPage: page,
}) => {
  // The checks of one judgement share a sandbox worker on the Grade and exercise pages: an object a
  // program could mark there is a message to the next check (SECURITY.md).
  await openOnce(page, LESSON);
  const first = liveExample(page, FIRST);
  await replaceCode(page, first, FROZEN_SWEEP.trim());
  await runToEnd(first);
  await expect(first.console.locator('.console-line').last()).toHaveText('all frozen');
});
