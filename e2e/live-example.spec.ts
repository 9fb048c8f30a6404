import type { Locator } from '@playwright/test';
import {
  allowTime,
  expect as baseExpect,
  liveExample,
  openOnce,
  replaceCode,
  runToEnd,
  sharedPageTest,
  test,
  type LiveExample,
} from './fixtures';

// Monaco and esbuild load on demand; on a busy two-core machine that can take longer than 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

const LESSON = '/lessons/first-request/';
const FIRST = 'Your first GET request';
const SECOND = 'Type the fields you use';

const example = liveExample;
type Example = LiveExample;

async function runAndWait(target: Example, outcome: RegExp = /^Finished in \d+ ms\.$/) {
  await target.run.click();
  await expect(target.status).toHaveText(outcome, { timeout: 30_000 });
}

/** Lines of the Console, as the reader sees them. */
async function consoleLines(log: Locator): Promise<string[]> {
  return log.locator('.console-line').allInnerTexts();
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.describe('live examples', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(LESSON);
  });

  test('run the first example and see the stars count of python/cpython', async ({ page }) => {
    const first = example(page, FIRST);
    await expect(first.status).toHaveText(/Not run yet/);
    await runAndWait(first);
    const lines = await consoleLines(first.console);
    expect(lines.slice(0, 2)).toEqual(['200', 'application/json; charset=utf-8']);
    expect(lines[2]).toMatch(/^\d+$/);
    // The lesson's expected output gives the same number the simulated API returns.
    const expected = page.locator('details.expected-output').first();
    await expected.locator('summary').click();
    await expect(expected).toContainText(lines[2]!);
  });

  test('edit the example to read another field and run again with Ctrl+Enter', async ({ page }) => {
    const first = example(page, FIRST);
    await replaceCode(
      page,
      first,
      "const response = await fetch('https://api.github.com/repos/python/cpython');\n" +
        'const data = await response.json();\nconsole.log(data.full_name, data.language);',
    );
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(first.status).toHaveText(/^Finished in/);
    expect(await consoleLines(first.console)).toEqual(['python/cpython Python']);

    // Reset brings the lesson's code back, and undo brings the edit back.
    await first.reset.click();
    await runAndWait(first);
    expect((await consoleLines(first.console))[0]).toBe('200');
    await first.editor.focus();
    await page.keyboard.press('ControlOrMeta+Z');
    await runAndWait(first);
    expect(await consoleLines(first.console)).toEqual(['python/cpython Python']);
  });

  test('a syntax error shows a marker and a Console message with the line, and does not run', async ({
    page,
  }) => {
    const first = example(page, FIRST);
    await replaceCode(page, first, "console.log('before');\nconst broken = ;\n");
    await runAndWait(first, /^Did not run: 1 compile error/);
    expect(await consoleLines(first.console)).toEqual([
      'Compile error: Line 2, column 16: Unexpected ";"',
    ]);
    await expect(first.region.locator('.squiggly-error').first()).toBeVisible();
  });

  test('the editor knows the browser types: only the real type error is marked', async ({
    page,
  }) => {
    const first = example(page, FIRST);
    await replaceCode(
      page,
      first,
      [
        "const response = await fetch('https://api.github.com/repos/python/cpython', {",
        '  signal: AbortSignal.timeout(5000),',
        '});',
        'const headers: Headers = response.headers;',
        "const stars: number = 'many';",
        'console.log(headers.get("content-type"), stars);',
      ].join('\n'),
    );
    // One squiggle, on `stars`: fetch, top-level await, AbortSignal.timeout and Headers are all known.
    // The TypeScript worker starts after the editor's first paint and parses 3 MB: slow under load.
    await expect(first.region.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 });
  });

  test('while (true) {} is stopped by Stop; the page scrolls and another example runs meanwhile', async ({
    page,
  }) => {
    const first = example(page, FIRST);
    const second = example(page, SECOND);
    await replaceCode(page, first, "console.log('spinning');\nwhile (true) {}\n");
    await allowTime(first, 120_000);
    await first.run.click();
    await expect(first.console).toHaveText('spinning');
    await expect(first.status).toHaveText('Running…');
    await expect(first.stop).toBeEnabled();

    // The page still responds: it scrolls, and another example runs to the end.
    const before = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 600);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before);
    await runAndWait(second);
    await expect(second.console).toContainText('python/cpython: The Python programming language');

    await first.stop.click();
    await expect(first.status).toHaveText(/^Stopped after \d+ ms\.$/);
    await expect(first.stop).toBeDisabled();
    // And the next run works.
    await replaceCode(page, first, "console.log('next');");
    await runAndWait(first);
    await expect(first.console).toHaveText('next');
  });

  test('while (true) {} is stopped by the time limit', async ({ page }) => {
    test.setTimeout(60_000);
    const first = example(page, FIRST);
    const second = example(page, SECOND);
    await replaceCode(page, first, 'while (true) {}');
    await first.run.click();
    await expect(first.status).toHaveText('Running…');
    await runAndWait(second);
    await expect(first.status).toHaveText(/^Time limit reached: stopped after 10 s\./, {
      timeout: 30_000,
    });
    await expect(first.stop).toBeDisabled();
  });

  test('every example in the first lesson prints its expected output', async ({ page }) => {
    // The TypeScript examples (the Python beside them has its own spec, python.spec.ts).
    const examples = page.locator('live-example:not([data-language="python"])');
    const total = await examples.count();
    expect(total).toBeGreaterThanOrEqual(3);
    for (let index = 0; index < total; index += 1) {
      const title = (await examples.nth(index).getAttribute('data-title'))!;
      const target = example(page, title);
      await runAndWait(target);
      // The expected output is the collapsed block that follows the example in the lesson.
      const expected = page
        .locator('details.expected-output:not(.code-pair-panel[data-language="python"] *)')
        .filter({ has: page.locator('summary') })
        .nth(index);
      await expected.locator('summary').click();
      const expectedText = (await expected.locator('pre').innerText()).trim();
      expect((await consoleLines(target.console)).join('\n'), title).toBe(expectedText);
    }
  });

  test('50 runs in a row keep working and leave no extra workers behind', async ({ page }) => {
    test.setTimeout(120_000);
    const first = example(page, FIRST);
    const count = (name: string) =>
      page.workers().filter((worker) => worker.url().includes(name)).length;
    for (let run = 0; run < 50; run += 1) {
      await runAndWait(first);
      expect((await consoleLines(first.console))[0]).toBe('200');
    }
    // Left behind: the two spare sandboxes kept booted for the next runs (the page's `spares`);
    // every used sandbox is gone. No compiler: the lesson's own code runs from the build's output.
    await expect.poll(() => count('sandbox-worker')).toBe(2);
    expect(count('compiler-worker')).toBe(0);
  });
});

test.describe('live examples without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('the mock API still answers', async ({ page }) => {
    await page.goto(LESSON);
    const first = example(page, FIRST);
    await runAndWait(first);
    expect((await consoleLines(first.console))[0]).toBe('200');
  });
});

test.describe('loading', () => {
  test('nothing heavy loads until the reader acts', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(LESSON);
    await page.waitForLoadState('networkidle');
    // Monaco (create-editor, editor.api), workers and wasm; the 1 KB plain-editor module is page script.
    expect(requested.filter((url) => /create-editor|editor\.api|\.wasm|worker/.test(url))).toEqual(
      [],
    );
  });

  test('the lesson text is readable before Monaco finishes loading', async ({ page }) => {
    // Hold the editor's code back indefinitely: the lesson must not wait for it.
    await page.route(/create-editor.*\.js$/, () => {});
    await page.goto(LESSON);
    const first = example(page, FIRST);
    await first.region.locator('pre').first().click();
    await expect(page.getByRole('heading', { name: 'A GET request, step by step' })).toBeVisible();
    await expect(page.getByText('Line by line:')).toBeVisible();
    // The click answered at once: the code, in the plain editor, while Monaco is held back.
    await expect(first.editor).toHaveValue(/stargazers_count/);
    await expect(first.region.getByText(/full editor .* is loading/)).toBeVisible();
    // Running does not need Monaco either.
    await runAndWait(first);
    expect((await consoleLines(first.console))[0]).toBe('200');
  });
});

// What a run does, typed into the plain editor on one page kept for the whole group (see
// sharedPageTest): these test the sandbox, not the editor, which the tests above cover with Monaco.
sharedPageTest.describe('live examples: the sandbox', () => {
  sharedPageTest.describe.configure({ mode: 'default' });
  sharedPageTest.beforeEach(async ({ lessonPage }) => {
    await openOnce(lessonPage, LESSON);
  });

  async function runShared(target: Example, outcome: RegExp = /^Finished in \d+ ms\.$/) {
    await runToEnd(target);
    await expect(target.status).toHaveText(outcome);
  }

  sharedPageTest(
    'importing a package is a compile error that says what to do instead',
    async ({ lessonPage: page }) => {
      const first = example(page, FIRST);
      await replaceCode(page, first, "import axios from 'axios';\nconsole.log(axios);");
      await runShared(first, /^Did not run: 1 compile error/);
      const [line] = await consoleLines(first.console);
      expect(line).toMatch(
        /^Compile error: Line 1, column \d+: Cannot import "axios": examples run in a sandbox/,
      );
      expect(line).toContain('Remove the import and use the built-in API instead.');
    },
  );

  sharedPageTest(
    'a runtime error shows its message and the line in the reader’s code',
    async ({ lessonPage: page }) => {
      const first = example(page, FIRST);
      await replaceCode(
        page,
        first,
        'interface Repo { name: string }\n\nconst repo = null as unknown as Repo;\nconsole.log(repo.name);',
      );
      await runShared(first, /^Failed after \d+ ms: TypeError: .* \(line 4\)\.$/);
      const lines = await consoleLines(first.console);
      expect(lines.at(-1)).toMatch(
        /^Uncaught TypeError: Cannot read properties of null .*\(line 4, column \d+\)$/,
      );
    },
  );

  sharedPageTest(
    'an unhandled rejection is reported with its line',
    async ({ lessonPage: page }) => {
      const first = example(page, FIRST);
      await replaceCode(page, first, "type T = 1;\nPromise.reject(new RangeError('nope'));\n");
      await runShared(first, /^Failed after/);
      expect(await consoleLines(first.console)).toEqual([
        'Uncaught (in promise) RangeError: nope (line 2, column 16)',
      ]);
    },
  );

  sharedPageTest(
    'a fetch outside the mock API fails with the explanation',
    async ({ lessonPage: page }) => {
      const first = example(page, FIRST);
      await replaceCode(
        page,
        first,
        "try {\n  await fetch('https://example.org');\n} catch (error) {\n  console.log(String(error));\n}",
      );
      await runShared(first);
      const lines = await consoleLines(first.console);
      expect(lines[0]).toContain("examples can only reach the course's mock API");
      expect(lines[0]).toContain('https://example.org/');
      expect(lines[1]).toBe('TypeError: Failed to fetch');
    },
  );

  sharedPageTest(
    'XMLHttpRequest, WebSocket, importScripts, import() and eval are blocked',
    async ({ lessonPage: page }) => {
      const first = example(page, FIRST);
      await replaceCode(
        page,
        first,
        [
          'const attempts: [string, () => unknown][] = [',
          "  ['xhr', () => new XMLHttpRequest()],",
          "  ['ws', () => new WebSocket('wss://example.org')],",
          "  ['importScripts', () => (globalThis as any).importScripts('https://example.org/x.js')],",
          "  ['eval', () => eval('1 + 1')],",
          "  ['Function', () => new Function('return 1')()],",
          '];',
          'for (const [name, attempt] of attempts) {',
          '  try { attempt(); console.log(name, "worked"); } catch (error) { console.log(name, "blocked"); }',
          '}',
          "const url = 'https://example.org/module.js';",
          "await import(url).then(() => console.log('import worked'), () => console.log('import blocked'));",
        ].join('\n'),
      );
      await runShared(first);
      expect(await consoleLines(first.console)).toEqual([
        'xhr blocked',
        'ws blocked',
        'importScripts blocked',
        'eval blocked',
        'Function blocked',
        'import blocked',
      ]);
    },
  );

  sharedPageTest(
    'timers, abort signals and web APIs behave as in a page',
    async ({ lessonPage: page }) => {
      const first = example(page, FIRST);
      await replaceCode(
        page,
        first,
        [
          'const controller = new AbortController();',
          'setTimeout(() => controller.abort(), 10);',
          'try {',
          "  await fetch('https://api.example.com/delay/2', { signal: controller.signal });",
          '} catch (error) {',
          "  console.log('cancelled', (error as Error).name);",
          '}',
          'try {',
          "  await fetch('https://api.example.com/delay/2', { signal: AbortSignal.timeout(20) });",
          '} catch (error) {',
          "  console.log('deadline', (error as Error).name);",
          '}',
          "const url = new URL('https://api.example.com/users');",
          "url.search = new URLSearchParams({ page: '2', q: 'a b' }).toString();",
          'console.log(url.href);',
          "const headers = new Headers({ 'X-Trace': '1' });",
          "console.log(headers.get('x-trace'), structuredClone({ a: [1] }).a[0]);",
          'console.log(new TextDecoder().decode(new Uint8Array([104, 105])));',
          // Lesson 4's Idempotency-Key; not built in outside secure contexts such as the sandbox's.
          'const ids = [crypto.randomUUID(), crypto.randomUUID()];',
          'console.log(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)), ids[0] !== ids[1]);',
          'const response = new Response(\'{"ok":true}\', { status: 201 });',
          'console.log(response.status, (await response.json()).ok);',
          'class Resource { [Symbol.dispose]() { console.log("disposed"); } }',
          '{',
          '  using resource = new Resource();',
          "  console.log('using', typeof resource);",
          '}',
          "setTimeout(() => console.log('later'), 30);",
        ].join('\n'),
      );
      await runShared(first);
      expect(await consoleLines(first.console)).toEqual([
        'cancelled AbortError',
        'deadline TimeoutError',
        'https://api.example.com/users?page=2&q=a+b',
        '1 1',
        'hi',
        'true true',
        '201 true',
        'using object',
        'disposed',
        'later',
      ]);
    },
  );

  sharedPageTest(
    'the sandbox cannot read the site’s localStorage or IndexedDB',
    async ({ lessonPage: page }) => {
      await page.evaluate(() => localStorage.setItem('course-secret', 'reader data'));
      const first = example(page, FIRST);
      await replaceCode(
        page,
        first,
        [
          'console.log(typeof indexedDB, typeof caches, typeof document, typeof window);',
          "console.log(String(globalThis.localStorage?.getItem('course-secret')));",
        ].join('\n'),
      );
      await runShared(first);
      expect(await consoleLines(first.console)).toEqual([
        'undefined undefined undefined undefined',
        'null',
      ]);
    },
  );

  sharedPageTest('console output is text, never HTML', async ({ lessonPage: page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const first = example(page, FIRST);
    await replaceCode(page, first, "console.log('<img src=x onerror=alert(1)>');");
    await runShared(first);
    await expect(first.console).toHaveText('<img src=x onerror=alert(1)>');
    await expect(first.console.locator('img')).toHaveCount(0);
    expect(dialogs).toBe(0);
  });

  sharedPageTest(
    'output is capped with a line saying how much was dropped',
    async ({ lessonPage: page }) => {
      const first = example(page, FIRST);
      await replaceCode(page, first, 'for (let i = 0; i < 5000; i++) console.log(i);');
      await runShared(first);
      const lines = await consoleLines(first.console);
      expect(lines).toHaveLength(2001);
      expect(lines.at(-1)).toBe(
        '… 3000 more console calls were not shown: output is capped per run.',
      );
    },
  );

  sharedPageTest(
    'logging in an endless loop keeps the page responsive and Stop ends it',
    async ({ lessonPage: page }) => {
      const first = example(page, FIRST);
      await replaceCode(page, first, "let i = 0;\nwhile (true) console.log('line', i++);");
      await allowTime(first, 120_000);
      await first.run.click();
      await expect(first.console.locator('.console-line')).toHaveCount(2000);
      // The page still answers while the worker keeps logging (the lines beyond the cap cost nothing).
      expect(await page.evaluate(() => document.title)).toContain('Your first request');
      await first.stop.click();
      await expect(first.status).toHaveText(/^Stopped after/);
      expect((await consoleLines(first.console)).at(-1)).toBe(
        '… later console output was not shown: output is capped per run.',
      );
    },
  );
});
