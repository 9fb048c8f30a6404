/**
 * Python live in the browser (Pyodide and requests): the lessons' Python runs against the same mock
 * API as the TypeScript, with Simulate, Console, Network and Stop, and reaches nothing else. One page
 * for the whole file: Python boots once per run in a fresh worker, and the page keeps the next one
 * booting while the reader reads, so the tests share it as a reader would.
 */
import type { Page } from '@playwright/test';
import {
  consoleLines,
  expect as baseExpect,
  liveExample,
  openOnce,
  replaceCode,
  runToEnd,
  sharedPageTest as test,
} from './fixtures';

// The first Python run downloads and boots the runtime: on a busy two-core machine, many seconds.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ mode: 'default' });

const LESSON_1 = '/lessons/first-request/';
const LESSON_2 = '/lessons/timeouts/';

async function showPython(page: Page): Promise<void> {
  for (const tab of await page.getByRole('tab', { name: 'Python (requests)' }).all()) {
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
      await tab.click();
      return;
    }
  }
}

test('lesson 1: the Python example runs with requests and prints what python3 prints', async ({
  lessonPage: page,
}) => {
  await openOnce(page, LESSON_1);
  await showPython(page);
  const example = liveExample(page, 'Python: first_request.py');
  // Nothing of Python is fetched before the reader asks for it.
  const pythonFiles: string[] = [];
  page.on('request', (request) => {
    if (/pyodide|python|requests-packages/.test(request.url())) pythonFiles.push(request.url());
  });
  await page.waitForTimeout(500);
  expect(pythonFiles).toEqual([]);
  // Every status the reader is shown, in order (the download's progress comes and goes quickly).
  await example.status.evaluate((status) => {
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await example.run.click();
  await expect(example.status).toHaveText(
    /^Loading Python 3\.14 and requests \(the first time, [\d.]+ MB, then kept for offline use\)…/,
  );
  await expect(example.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(example.console)).toEqual([
    '200',
    'application/json; charset=utf-8',
    '68432',
  ]);
  await expect(example.network).toContainText('GET');
  await expect(example.network).toContainText('api.github.com/repos/python/cpython');
  await expect(example.network).toContainText('200');
  expect(pythonFiles.length).toBeGreaterThan(0);
  const statuses = await page.evaluate(
    () => (window as unknown as { statuses: string[] }).statuses,
  );
  expect(statuses.some((text) => text.endsWith('downloaded, starting Python.'))).toBe(true);
});

test('lesson 2: Simulate turns into requests’ own answers and exceptions, rows in Network', async ({
  lessonPage: page,
}) => {
  await openOnce(page, LESSON_2);
  await showPython(page);
  const example = liveExample(page, 'Python: timeouts.py');

  await example.simulate.selectOption('not-found');
  await runToEnd(example, 60_000);
  expect(await consoleLines(example.console)).toEqual(['404']);
  await expect(example.network.locator('tbody tr')).toHaveCount(2);
  await expect(example.network).toContainText('404 Not Found');

  await example.simulate.selectOption('rate-limited');
  await runToEnd(example, 60_000);
  expect(await consoleLines(example.console)).toEqual(['429']);
  await expect(example.network).toContainText('429 Too Many Requests');

  // The first request has no timeout: requests would wait for ever, and the run says so at once.
  await example.simulate.selectOption('hang');
  await runToEnd(example, 60_000);
  await expect(example.status).toHaveText(
    'Waiting forever: GET /data will never be answered, and requests waits for ever without a timeout: pass one (requests.get(url, timeout=5)).',
  );
  await expect(example.network).toContainText('still open');

  await example.simulate.selectOption('offline');
  await runToEnd(example, 60_000);
  await expect(example.status).toHaveText(
    /^Failed after \d+ ms: requests\.exceptions\.ConnectionError: \('Connection aborted\.', RemoteDisconnected\('Remote end closed connection without response'\)\) \(line 7\)\.$/,
  );
  const lines = await consoleLines(example.console);
  expect(lines[0]).toBe('Traceback (most recent call last):');
  expect(lines).toContain('    response = requests.get(f"{BASE_URL}/data")');
  expect(lines.at(-1)).toBe(
    "requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
  );
  // The course's own transport is not in the traceback the reader reads.
  expect(lines.join('\n')).not.toContain('course_transport');
  await expect(example.network).toContainText('failed');
  await example.simulate.selectOption('normal');
});

test('a timeout in Python is a ReadTimeout after that long, and a second run starts warm', async ({
  lessonPage: page,
}) => {
  await openOnce(page, LESSON_2);
  await showPython(page);
  const example = liveExample(page, 'Python: timeouts.py');
  await replaceCode(
    page,
    example,
    [
      'import requests',
      'try:',
      '    requests.get("http://127.0.0.1:4010/delay/3", timeout=0.5)',
      'except requests.exceptions.ReadTimeout as error:',
      '    print("gave up:", error)',
    ].join('\n'),
  );
  // The spare Python worker has had time to boot while the reader edited: this run is warm.
  await page.waitForTimeout(4_000);
  await runToEnd(example, 60_000);
  await expect(example.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(example.console)).toEqual([
    "gave up: HTTPConnectionPool(host='127.0.0.1', port=4010): Read timed out. (read timeout=0.5)",
  ]);
  await expect(example.network).toContainText('timed out');
  const ms = Number((await example.status.textContent())!.match(/(\d+) ms/)![1]);
  expect(ms).toBeGreaterThanOrEqual(450);
});

test('on the virtual clock, time.sleep and requests’ timeouts jump: 35 s of waiting in a moment', async ({
  lessonPage: page,
}) => {
  await openOnce(page, LESSON_2);
  await showPython(page);
  const example = liveExample(page, 'Python: timeouts.py');
  // Exercise pages run on the virtual clock; a page may ask for it (data-clock), and Python's
  // waits are on the run's clock too, so they jump like a TypeScript program's.
  await example.region.evaluate((region) =>
    region.closest('live-example')!.setAttribute('data-clock', 'virtual'),
  );
  await replaceCode(
    page,
    example,
    [
      'import time, requests',
      'time.sleep(30)',
      'try:',
      '    requests.get("http://127.0.0.1:4010/delay/20", timeout=5)',
      'except requests.exceptions.ReadTimeout:',
      '    print("timed out")',
    ].join('\n'),
  );
  await runToEnd(example, 60_000);
  await expect(example.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(example.console)).toEqual(['timed out']);
  await expect(example.region).toContainText('on the virtual clock');
  // The request started after the 30 s sleep and timed out 5 s later, on the run's clock.
  const record = await example.region.evaluate(
    (region) =>
      (region.closest('live-example') as unknown as { record: { clockMs: number; realMs: number } })
        .record,
  );
  expect(record.clockMs).toBeGreaterThanOrEqual(35_000);
  expect(record.realMs).toBeLessThan(10_000);
  await example.region.evaluate((region) =>
    region.closest('live-example')!.setAttribute('data-clock', 'real'),
  );
});

test('Stop ends `while True: pass` at once, and the next run works', async ({
  lessonPage: page,
}) => {
  await openOnce(page, LESSON_2);
  await showPython(page);
  const example = liveExample(page, 'Python: timeouts.py');
  await replaceCode(page, example, 'print("spinning")\nwhile True:\n    pass\n');
  await example.run.click();
  await expect(example.console).toContainText('spinning');
  await example.stop.click();
  await expect(example.status).toHaveText(/^Stopped after \d+ ms\.$/);
  await replaceCode(page, example, 'print("after the stop")\n');
  await runToEnd(example, 60_000);
  expect(await consoleLines(example.console)).toEqual(['after the stop']);
});

test('Python reaches nothing but the mock API: not through requests, js, pyodide.http or storage', async ({
  lessonPage: page,
}) => {
  await openOnce(page, LESSON_2);
  await showPython(page);
  const example = liveExample(page, 'Python: timeouts.py');
  const outside: string[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== '127.0.0.1' && !['blob:', 'data:'].includes(url.protocol))
      outside.push(request.url());
  });
  await page.evaluate(() => localStorage.setItem('python-probe', 'untouched'));
  const attack = [
    'import requests, pyodide_js',
    'def attempt(name, action):',
    '    try:',
    '        action()',
    '        print(name, "reached")',
    '    except BaseException as error:',
    '        print(name, "refused:", type(error).__name__)',
    'attempt("requests", lambda: requests.get("https://example.org/", timeout=2))',
    'attempt("other port", lambda: requests.get("http://127.0.0.1:4321/", timeout=2))',
    'import js',
    'attempt("js.fetch", lambda: js.fetch("https://example.org/"))',
    'attempt("js.XMLHttpRequest", lambda: js.XMLHttpRequest.new())',
    'from pyodide.http import open_url, pyfetch',
    'from pyodide.ffi import run_sync',
    'attempt("open_url", lambda: open_url("https://example.org/"))',
    'attempt("pyfetch", lambda: run_sync(pyfetch("https://example.org/")))',
    'from pyodide.code import run_js',
    'attempt("run_js", lambda: run_js("fetch(\'https://example.org/\')"))',
    'attempt("localStorage", lambda: run_js("localStorage.getItem(\'python-probe\')"))',
    'attempt("loadPackage", lambda: run_sync(pyodide_js.loadPackage("numpy")))',
  ].join('\n');
  await replaceCode(page, example, attack);
  await runToEnd(example, 60_000);
  const lines = await consoleLines(example.console);
  const verdicts = lines.filter((line) => /^[\w. ]+ (reached|refused: \w+)$/.test(line));
  expect(verdicts.length).toBe(9);
  expect(verdicts.filter((line) => line.includes('reached'))).toEqual([]);
  // The request to another origin went to the sandbox, which refused it and said why.
  await expect(example.network).toContainText('GET example.org/');
  await expect(example.network).toContainText('failed');
  expect(lines.join('\n')).toContain("examples can only reach the course's mock API");
  expect(outside).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('python-probe'))).toBe('untouched');
});

test('where WebAssembly cannot pause for a request (no JSPI), the Python stays readable and says why Run is off', async ({
  page,
}) => {
  await page.addInitScript(() => {
    delete (WebAssembly as { Suspending?: unknown }).Suspending;
  });
  const pythonFiles: string[] = [];
  page.on('request', (request) => {
    if (/pyodide|python-|requests-packages/.test(request.url())) pythonFiles.push(request.url());
  });
  await page.goto(LESSON_1);
  await showPython(page);
  const example = liveExample(page, 'Python: first_request.py');
  await expect(example.status).toHaveText(
    /^Python runs here in Chrome, Edge and other Chromium-based browsers \(version 137 or later\)/,
  );
  await expect(example.run).toBeDisabled();
  await expect(example.region).toContainText(
    'response = requests.get(f"{GITHUB}/repos/python/cpython")',
  );
  expect(pythonFiles).toEqual([]);
});
