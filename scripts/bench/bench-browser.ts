/**
 * The browser side of the benchmark: Chromium, one fresh context (empty HTTP cache) per sample, and
 * a page load that counts the bytes it transfers and can turn the live examples off.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from '@playwright/test';
import { PAGE_WAIT_MS } from './bench-page.ts';
import { chromiumLaunchOptions } from '../build/chromium-options.ts';

export function launchChromium(): Promise<Browser> {
  const options = chromiumLaunchOptions();
  const executablePath = options.executablePath ?? "Playwright's own Chromium";
  return chromium.launch(options).catch((error: unknown) => {
    throw new Error(
      `Chromium did not start from ${executablePath} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Set CHROMIUM_PATH to a Chromium binary.`,
    );
  });
}

export interface BenchPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
}

/** A page in a new context, so its HTTP cache starts empty (a first visit). */
export async function freshPage(browser: Browser): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // tsx keeps function names with a `__name(fn, "name")` helper that only exists in Node; functions
  // handed to page.evaluate carry those calls into the page, where this no-op stands in for it.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_WAIT_MS);
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

export interface LoadOptions {
  /** Answer this site path with an empty script, so every <live-example> stays a static block. */
  blockScript?: string;
  /** Also intercept (and pass through) this path, so both variants pay the same interception cost. */
  interceptScript: string;
}

export interface LoadResult {
  /** Bytes on the wire (compressed), headers included, for every request of the page itself. */
  transferredBytes: number;
  resources: { url: string; bytes: number }[];
  /** Requests (from the page or its workers) for the editor, the compiler or the sandbox. */
  heavyRequests: string[];
}

/**
 * Loads `url` and waits until the network is idle: what a reader gets before touching anything.
 * The live-example script is intercepted with CDP Fetch for that one URL only (Playwright's
 * page.route would intercept every request and slow both variants down).
 */
export async function loadPage(
  { page, cdp }: BenchPage,
  url: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const urls = new Map<string, string>();
  const resources: LoadResult['resources'] = [];
  const heavyRequests: string[] = [];
  page.on('request', (request) => {
    if (/editor|\.wasm|worker|monaco/i.test(request.url())) heavyRequests.push(request.url());
  });
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  cdp.on('Network.loadingFinished', (event) => {
    const url = urls.get(event.requestId) ?? '';
    // data: URLs (inline SVG icons in the CSS) cost nothing on the wire.
    if (url.startsWith('http')) resources.push({ url, bytes: event.encodedDataLength });
  });
  cdp.on('Fetch.requestPaused', (event) => {
    const blocked =
      options.blockScript && new URL(event.request.url).pathname === options.blockScript;
    const answer = blocked
      ? cdp.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'content-type', value: 'text/javascript' }],
          body: Buffer.from('// live examples turned off by the benchmark\n').toString('base64'),
        })
      : cdp.send('Fetch.continueRequest', { requestId: event.requestId });
    answer.catch(() => {}); // the page may already be gone
  });
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `*${options.interceptScript}` }] });
  await page.goto(url, { waitUntil: 'load', timeout: PAGE_WAIT_MS });
  await page.waitForLoadState('networkidle', { timeout: PAGE_WAIT_MS });
  return {
    transferredBytes: resources.reduce((sum, resource) => sum + resource.bytes, 0),
    resources,
    heavyRequests,
  };
}
