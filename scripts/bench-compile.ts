/**
 * The compile side of a Run, timed in the page that runs the example, so the runner's overhead can
 * be stated as a ratio:
 * - the bare esbuild transform of the example's code, with esbuild-wasm loaded in the page from the
 *   site's own esbuild.wasm (the JS half comes from node_modules, served by a bench-only route, so
 *   production bundles carry no hook);
 * - a compile through the site's own compiler worker (a second instance, spoken to with the
 *   runner's protocol), i.e. esbuild's build plus the worker round trip.
 * Nothing here uses eval, and the page's CSP is untouched (both URLs are same-origin).
 */
import type { Page } from '@playwright/test';
import type { FromCompiler, ToCompiler } from '../src/runner/protocol.ts';
import { PAGE_WAIT_MS } from './bench-page.ts';
import type { SiteInfo } from './bench-site.ts';

const ESBUILD_ROUTE = '/__bench/esbuild-browser.mjs';
const WARM_UPS = 5;

/** Milliseconds per `esbuild.transform` of `code`, measured inside the page after warm-ups. */
export async function timeBareTransform(
  page: Page,
  site: SiteInfo,
  code: string,
  samples: number,
): Promise<number[]> {
  await page.route(`**${ESBUILD_ROUTE}`, (route) =>
    route.fulfill({ path: site.esbuildBrowserModule, contentType: 'text/javascript' }),
  );
  return page.evaluate(
    async ({ moduleURL, wasmURL, source, count, warmUps, limit }) => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`esbuild did not answer within ${limit} ms.`)), limit),
      );
      const work = async () => {
        const esbuild = (await import(moduleURL)) as typeof import('esbuild-wasm');
        await esbuild.initialize({ wasmURL, worker: false });
        const options = { loader: 'ts', format: 'esm', target: 'esnext' } as const;
        for (let i = 0; i < warmUps; i += 1) await esbuild.transform(source, options);
        const times: number[] = [];
        for (let i = 0; i < count; i += 1) {
          const start = performance.now();
          await esbuild.transform(source, options);
          times.push(performance.now() - start);
        }
        return times;
      };
      return Promise.race([work(), timeout]);
    },
    {
      moduleURL: ESBUILD_ROUTE,
      wasmURL: site.esbuildWasm,
      source: code,
      count: samples,
      warmUps: WARM_UPS,
      limit: PAGE_WAIT_MS,
    },
  );
}

/**
 * Milliseconds per compile through a fresh instance of the site's compiler worker (post to reply),
 * after its warm-up. The worker is terminated afterwards, so worker counts are not affected.
 */
export async function timeCompilerWorker(
  page: Page,
  site: SiteInfo,
  code: string,
  samples: number,
): Promise<number[]> {
  return page.evaluate(
    async ({ workerURL, source, count, warmUps, limit }) => {
      const worker = new Worker(workerURL, { type: 'module', name: 'bench-compiler' });
      let id = 0;
      const ask = (message: ToCompiler) =>
        new Promise<FromCompiler>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`The compiler worker did not answer within ${limit} ms.`)),
            limit,
          );
          worker.addEventListener('message', function onMessage(event: MessageEvent) {
            const reply = event.data as FromCompiler;
            if (reply.id !== message.id) return;
            worker.removeEventListener('message', onMessage);
            clearTimeout(timer);
            resolve(reply);
          });
          worker.postMessage(message);
        });
      try {
        await ask({ type: 'warm-up', id: ++id });
        for (let i = 0; i < warmUps; i += 1) await ask({ type: 'compile', id: ++id, code: source });
        const times: number[] = [];
        for (let i = 0; i < count; i += 1) {
          const start = performance.now();
          const reply = await ask({ type: 'compile', id: ++id, code: source });
          times.push(performance.now() - start);
          if (reply.type !== 'compiled') throw new Error(`The compiler answered ${reply.type}.`);
        }
        return times;
      } finally {
        worker.terminate();
      }
    },
    {
      workerURL: site.compilerWorker,
      source: code,
      count: samples,
      warmUps: WARM_UPS,
      limit: PAGE_WAIT_MS,
    },
  );
}
