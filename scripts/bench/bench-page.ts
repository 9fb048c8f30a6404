/**
 * Measurements taken inside the page, so Playwright's own latency is never counted: paint timings,
 * time to an editable editor, Run to the first Console line. Elements are found by role and name
 * (the live example's contract), then handed to the page.
 *
 * The functions passed to `evaluate` run in the page; they use only arrow functions and the page's
 * globals. (tsx wraps named functions in a `__name` helper; bench.ts defines a no-op for it.)
 */
import type { CDPSession, Locator, Page } from '@playwright/test';

/** Every wait inside the page gives up after this long, so a broken build cannot hang the bench. */
export const PAGE_WAIT_MS = 30_000;

export interface PaintTimings {
  fcp: number;
  lcp: number;
  /** Tag and class of the largest contentful element, to see what the number refers to. */
  lcpElement: string;
}

/** First and largest contentful paint of the current page (buffered entries, read after load). */
export function paintTimings(page: Page): Promise<PaintTimings> {
  return page.evaluate(
    () =>
      new Promise<PaintTimings>((resolve) => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        const timer = setTimeout(() => resolve({ fcp, lcp: NaN, lcpElement: 'none' }), 3000);
        new PerformanceObserver((list, observer) => {
          const last = list.getEntries().at(-1) as
            (PerformanceEntry & { element?: Element | null }) | undefined;
          if (!last) return;
          observer.disconnect();
          clearTimeout(timer);
          const element = last.element;
          resolve({
            fcp,
            lcp: last.startTime,
            lcpElement: element
              ? `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`
              : 'removed',
          });
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
}

/** The live example's parts, by the roles and names the e2e tests use. */
export function example(page: Page, title: string) {
  const region = page.getByRole('region', { name: title, exact: true });
  return {
    region,
    run: region.getByRole('button', { name: 'Run', exact: true }),
    console: region.getByRole('log', { name: 'Console' }),
    status: region.getByRole('status'),
  };
}

export interface EditorTiming {
  /** Press on the code to a focused text field that takes keys (the plain editor at first), in ms. */
  typing: number;
  /** Press on the code to the editor that stays (Monaco, `data-editor="ready"`) with the focus, in ms. */
  ready: number;
}

/** Clicks the example's code as a reader would and times the editor's two steps from the press. */
export async function timeEditor(page: Page, title: string): Promise<EditorTiming> {
  const { region } = example(page, title);
  await region.evaluate((element, limit) => {
    const state = window as unknown as { benchEditor?: Promise<EditorTiming> };
    state.benchEditor = new Promise<EditorTiming>((resolve, reject) => {
      let pressed = NaN;
      let typing = NaN;
      const check = () => {
        const active = document.activeElement;
        if (Number.isNaN(pressed) || !active || !element.contains(active)) return;
        const editable = active.tagName === 'TEXTAREA' || active.closest('.monaco-editor');
        if (editable && Number.isNaN(typing)) typing = performance.now() - pressed;
        if (!editable || (element as HTMLElement).dataset.editor !== 'ready') return;
        observer.disconnect();
        document.removeEventListener('focusin', check, true);
        clearTimeout(timer);
        resolve({ typing, ready: performance.now() - pressed });
      };
      element.addEventListener('pointerdown', (event) => (pressed = event.timeStamp), {
        capture: true,
        once: true,
      });
      const observer = new MutationObserver(check);
      observer.observe(element, { attributes: true, attributeFilter: ['data-editor'] });
      document.addEventListener('focusin', check, true);
      const timer = setTimeout(
        () => reject(new Error(`No focused editor ${limit} ms after clicking the code.`)),
        limit,
      );
    });
  }, PAGE_WAIT_MS);
  await region.locator('pre').first().click({ timeout: PAGE_WAIT_MS });
  return page.evaluate(
    () => (window as unknown as { benchEditor: Promise<EditorTiming> }).benchEditor,
  );
}

export interface RunTiming {
  /** Click on Run to the status "Running…" (compiled, handed to a sandbox), in ms. */
  started: number;
  /** Click on Run to the first line appended to the Console, in ms. */
  firstLine: number;
  /** Click on Run to the status line's final word, in ms. */
  finished: number;
  status: string;
}

const FINAL_STATUS = /^(Finished|Failed|Stopped|Time limit|Did not run|The example)/;

/** Presses Run and times it from the click event to the first Console line and to the end. */
export async function timeRun(page: Page, title: string): Promise<RunTiming> {
  const parts = example(page, title);
  const [run, log, status] = await Promise.all(
    [parts.run, parts.console, parts.status].map((locator: Locator) =>
      locator.elementHandle({ timeout: PAGE_WAIT_MS }),
    ),
  );
  await page.evaluate(
    ([button, log, line, limit, finalPattern]) => {
      const state = window as unknown as { benchRun?: Promise<RunTiming> };
      const final = new RegExp(finalPattern);
      state.benchRun = new Promise<RunTiming>((resolve, reject) => {
        let clicked = NaN;
        let firstLine = NaN;
        let started = NaN;
        const lines = new MutationObserver((records) => {
          if (Number.isNaN(firstLine) && records.some((record) => record.addedNodes.length > 0))
            firstLine = performance.now() - clicked;
        });
        const ends = new MutationObserver((records) => {
          // Each status replaces a text node, so every intermediate status is in the records.
          const shown = records.flatMap((record) => [...record.addedNodes]);
          if (
            Number.isNaN(started) &&
            shown.some((node) => node.textContent?.startsWith('Running'))
          )
            started = performance.now() - clicked;
          const text = line!.textContent?.trim() ?? '';
          if (Number.isNaN(clicked) || !final.test(text)) return;
          lines.disconnect();
          ends.disconnect();
          clearTimeout(timer);
          resolve({ started, firstLine, finished: performance.now() - clicked, status: text });
        });
        button!.addEventListener('click', (event) => (clicked = event.timeStamp), {
          capture: true,
          once: true,
        });
        lines.observe(log!, { childList: true });
        ends.observe(line!, { childList: true, characterData: true, subtree: true });
        const timer = setTimeout(
          () => reject(new Error(`The run did not finish within ${limit} ms of pressing Run.`)),
          limit,
        );
      });
    },
    [run, log, status, PAGE_WAIT_MS, FINAL_STATUS.source] as const,
  );
  await Promise.all([run, log, status].map((handle) => handle?.dispose()));
  await parts.run.click({ timeout: PAGE_WAIT_MS });
  const timing = await page.evaluate(
    () => (window as unknown as { benchRun: Promise<RunTiming> }).benchRun,
  );
  if (!timing.status.startsWith('Finished') || Number.isNaN(timing.firstLine)) {
    throw new Error(
      `The example "${title}" did not run cleanly (status: "${timing.status}"). Fix the example or the runner, or pass another --lesson.`,
    );
  }
  return timing;
}

export interface HeapSample {
  heapMB: number;
  workers: number;
}

/** Main-thread JS heap after garbage collection, and the number of live workers once it settles. */
export async function heapAndWorkers(page: Page, cdp: CDPSession): Promise<HeapSample> {
  let workers = page.workers().length;
  for (let stableFor = 0, waited = 0; stableFor < 1000 && waited < 10_000; waited += 200) {
    await page.waitForTimeout(200);
    const now = page.workers().length;
    stableFor = now === workers ? stableFor + 200 : 0;
    workers = now;
  }
  for (let pass = 0; pass < 3; pass += 1) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((entry) => entry.name === 'JSHeapUsedSize')?.value ?? NaN;
  return { heapMB: used / 1_000_000, workers };
}
