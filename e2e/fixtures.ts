import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
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
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(String(error)));
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`),
  );
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
  const region = page.getByRole('region', { name: title });
  return {
    region,
    run: region.getByRole('button', { name: 'Run' }),
    stop: region.getByRole('button', { name: 'Stop' }),
    reset: region.getByRole('button', { name: 'Reset' }),
    share: region.getByRole('button', { name: 'Share' }),
    simulate: region.getByRole('combobox', { name: 'Simulate' }),
    console: region.getByRole('log', { name: 'Console' }),
    network: region.getByRole('table', { name: 'Network' }),
    status: region.getByRole('status'),
    editor: region.getByRole('textbox', { name: `Code editor: ${title}` }),
    edited: region.getByText('Edited', { exact: true }),
  };
}
export type LiveExample = ReturnType<typeof liveExample>;

/** Monaco and esbuild load on demand; on a busy two-core machine that can take 20 s and more. */
const editorWait = { timeout: 40_000 };

/** The code in a live example's editor (Monaco or the plain textarea), as the reader sees it. */
export function editorText(target: LiveExample): Promise<string> {
  return target.region.evaluate((element) => {
    const textarea = element.querySelector<HTMLTextAreaElement>('textarea.live-plain-editor');
    if (textarea) return textarea.value;
    // Monaco renders spaces as no-break spaces.
    return [...element.querySelectorAll('.view-line')]
      .map((line) => line.textContent?.replace(/\u00a0/g, ' '))
      .join('\n');
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

export { expect };
