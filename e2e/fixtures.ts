import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';

export interface LessonInfo {
  slug: string;
  title: string;
  order: number;
  url: string;
}

/** The published lessons in course order, read from the MDX sources the site is built from. */
export function readLessons(): LessonInfo[] {
  const root = join(import.meta.dirname, '..', 'lessons');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const source = readFileSync(join(root, entry.name, 'index.mdx'), 'utf8');
      const frontmatter = parse(source.split(/^---$/m)[1] ?? '') as {
        title: string;
        order: number;
        draft?: boolean;
      };
      const slug = entry.name.replace(/^\d+-/, '');
      return {
        slug,
        title: frontmatter.title,
        order: frontmatter.order,
        url: `/lessons/${slug}/`,
        draft: frontmatter.draft,
      };
    })
    .filter((lesson) => !lesson.draft)
    .map(({ slug, title, order, url }) => ({ slug, title, order, url }))
    .sort((a, b) => a.order - b.order);
}

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  externalRequests: string[];
}

/** Records console errors, failed requests and any request that leaves 127.0.0.1. */
/**
 * axe for one page. Legacy mode runs axe in the page's own frames and skips the blank page the
 * default mode opens to merge results from cross-origin frames: the only such frames here are the
 * hidden sandbox frames, which hold no content. A third faster, the same rules and results.
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(true);
}

export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(String(error)));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    // The browser fetches the tab's icon on its own, late; the next navigation may cancel that fetch.
    if (error === 'net::ERR_ABORTED' && new URL(request.url()).pathname === '/favicon.svg') return;
    problems.failedRequests.push(`${request.url()}: ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.failedRequests.push(`${response.url()}: ${response.status()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = url.hostname === '127.0.0.1' || ['data:', 'blob:'].includes(url.protocol);
    if (!local) problems.externalRequests.push(request.url());
  });
  return problems;
}

export const test = base.extend<{ lessons: LessonInfo[] }>({
  // eslint-disable-next-line no-empty-pattern
  lessons: async ({}, use) => {
    await use(readLessons());
  },
});

/** A live example's controls, found the way a reader finds them: by role and accessible name. */
export function liveExample(page: Page, title: string) {
  return exampleControls(page.getByRole('region', { name: title }), title);
}

/** The controls inside one live example's region; `title` is its name (its editor's too). */
export function exampleControls(region: Locator, title: string) {
  return {
    region,
    run: region.getByRole('button', { name: 'Run', exact: true }),
    stop: region.getByRole('button', { name: 'Stop', exact: true }),
    reset: region.getByRole('button', { name: 'Reset', exact: true }),
    share: region.getByRole('button', { name: 'Share', exact: true }),
    simulate: region.getByRole('combobox', { name: 'Simulate' }),
    console: region.getByRole('log', { name: 'Console' }),
    network: region.getByRole('table', { name: 'Network' }),
    status: region.getByRole('status'),
    editor: region.getByRole('textbox', { name: `Code editor: ${title}` }),
    edited: region.getByText('Edited', { exact: true }),
  };
}
export type LiveExample = ReturnType<typeof liveExample>;

/** The lines a Console shows, as the reader reads them. */
export function consoleLines(log: Locator): Promise<string[]> {
  return log.locator('.console-line').allInnerTexts();
}

/** Monaco and esbuild load on demand; on a busy two-core machine that can take 20 s and more. */
const editorWait = { timeout: 40_000 };

/** The code in a live example's editor (Monaco or the plain textarea), as the reader sees it. */
export function editorText(target: LiveExample): Promise<string> {
  return target.region.evaluate((element) => {
    const textarea = element.querySelector<HTMLTextAreaElement>('textarea.live-plain-editor');
    if (textarea) return textarea.value;
    // Monaco wraps long lines into several rendered ones: read its text from the element, once the
    // editor is on the page (before that, the reader sees no editor).
    const live = (element.closest('live-example') ?? element.querySelector('live-example')) as
      (Element & { code?: string }) | null;
    return element.querySelector('.monaco-editor') ? (live?.code ?? '') : '';
  });
}

/**
 * Opens the editor by clicking the code, as a reader would, and pastes new code over it. (Pasting,
 * because typing `{` and Enter makes Monaco add closing brackets and indentation, as it should.)
 * Needs the clipboard-read and clipboard-write permissions.
 */
export async function replaceCode(page: Page, target: LiveExample, code: string): Promise<void> {
  if ((await target.editor.count()) === 0) {
    // After a first run the editor also loads by itself and replaces the code block; either way works.
    await target.region
      .locator('pre')
      .first()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
  }
  await target.editor.focus(editorWait);
  await expect(target.editor).toBeFocused(editorWait);
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  // Wait until the editor shows the pasted code, so a following Run cannot race the paste.
  const firstLine = code.split('\n')[0]!.trim();
  await expect.poll(() => editorText(target), editorWait).toContain(firstLine);
}

/**
 * Gives an example a longer real-time limit, as an author can with `timeout=` in the fence: on a busy
 * machine a test's own steps can outlast the default 10 s, and then the limit, not the test, ends the run.
 */
export async function allowTime(target: LiveExample, ms: number): Promise<void> {
  await target.region.evaluate((region, limit) => {
    region.closest('live-example')!.setAttribute('data-timeout', String(limit));
  }, ms);
}

/**
 * A learner on a narrow screen, who gets the plain textarea editor instead of Monaco. For tests of the
 * sandbox rather than the editor: typing an attack into either editor runs the same way, and leaving
 * out Monaco and its TypeScript worker saves most of a test's time on a two-core machine.
 */
export const narrowScreen = { viewport: { width: 390, height: 844 } };

/**
 * One lesson page per test worker, kept from test to test, for suites that type many attacks into the
 * same example: the compiler then loads once per file, not once per test. Each test still runs its own
 * code in a fresh sandbox worker (every Run starts one). Use with `test.describe.configure({ mode:
 * 'default' })` so a file's tests share one worker; a failed test gets the next tests a new page.
 */
export const sharedPageTest = test.extend<object, { lessonPage: Page }>({
  lessonPage: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext({
        baseURL: workerInfo.project.use.baseURL,
        serviceWorkers: 'block',
        permissions: ['clipboard-read', 'clipboard-write'],
        ...narrowScreen,
      });
      await use(await context.newPage());
      await context.close();
    },
    { scope: 'worker' },
  ],
});

/**
 * Presses Run and waits until that run, not an earlier one on the same page, has ended: the example's
 * `data-state` (compiling, running, then the outcome) is cleared first, so a stale status cannot count.
 */
export async function runToEnd(target: LiveExample, timeout = 30_000): Promise<void> {
  const element = await target.region.evaluateHandle((region) => {
    const example = region.closest<HTMLElement>('live-example')!;
    example.removeAttribute('data-state');
    return example;
  });
  await target.run.click();
  // Polls one element, not the role query: on a page with 1,000 Network rows, computing every
  // accessible name on each poll would itself block the main thread that freeze tests measure.
  await element.evaluate(
    (example, ms) =>
      new Promise<void>((resolve, reject) => {
        const ended = () =>
          !['', 'compiling', 'loading', 'running'].includes(example.dataset.state ?? '');
        if (ended()) return resolve();
        const observer = new MutationObserver(() => {
          if (!ended()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(
            new Error(`the run did not end within ${ms} ms (data-state: ${example.dataset.state})`),
          );
        }, ms);
        observer.observe(example, { attributes: true, attributeFilter: ['data-state'] });
      }),
    timeout,
  );
}

/** Opens `url` on the shared page unless it is already there. */
export async function openOnce(page: Page, url: string): Promise<void> {
  if (new URL(page.url(), 'http://x').pathname !== url) await page.goto(url);
}

export { expect };
