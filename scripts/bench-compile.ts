/**
 * The compile side of a Run, timed in the page that runs the example, so the runner's overhead can
 * be stated as a ratio:
 * - the bare esbuild transform of the example's code, in a worker like the site's compiler (on the
 *   main thread Go's wasm scheduler would add timer delays): esbuild-wasm's browser build from
 *   node_modules (the version the site bundles) in a blob worker, with the site's own esbuild.wasm;
 * - a compile through the site's own compiler worker (a second instance, spoken to with the
 *   runner's protocol), i.e. esbuild's build plus the worker round trip.
 * Nothing is added to the site: no production hook, no eval, and the page's CSP is untouched
 * (it allows same-origin and blob: workers, and wasm).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { FromCompiler, ToCompiler } from '../src/runner/protocol.ts';
import { PAGE_WAIT_MS } from './bench-page.ts';
import type { SiteInfo } from './bench-site.ts';

const WARM_UPS = 20;

/** The worker's script after esbuild's browser build (which sets `self.esbuild`). */
const TRANSFORM_WORKER = `
self.onmessage = async (event) => {
  const { wasmURL, source, count, warmUps } = event.data;
  try {
    await self.esbuild.initialize({ wasmURL, worker: false });
    const options = { loader: 'ts', format: 'esm', target: 'esnext' };
    for (let i = 0; i < warmUps; i += 1) await self.esbuild.transform(source, options);
    const times = [];
    for (let i = 0; i < count; i += 1) {
      const start = performance.now();
      await self.esbuild.transform(source, options);
      times.push(performance.now() - start);
    }
    self.postMessage({ times });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};`;

/** Milliseconds per `esbuild.transform` of `code`, measured inside a worker after warm-ups. */
export async function timeBareTransform(
  page: Page,
  site: SiteInfo,
  code: string,
  samples: number,
): Promise<number[]> {
  const script = `${readFileSync(site.esbuildBrowserScript, 'utf8')}\n${TRANSFORM_WORKER}`;
  return page.evaluate(
    ({ workerScript, wasmPath, source, count, warmUps, limit }) =>
      new Promise<number[]>((resolve, reject) => {
        const url = URL.createObjectURL(new Blob([workerScript], { type: 'text/javascript' }));
        const worker = new Worker(url, { name: 'bench-transform' });
        const end = () => {
          clearTimeout(timer);
          worker.terminate();
          URL.revokeObjectURL(url);
        };
        const timer = setTimeout(() => {
          end();
          reject(new Error(`esbuild did not answer within ${limit} ms.`));
        }, limit);
        worker.onmessage = (event: MessageEvent<{ times?: number[]; error?: string }>) => {
          end();
          if (event.data.times) resolve(event.data.times);
          else reject(new Error(`esbuild failed in the bench worker: ${event.data.error}`));
        };
        worker.onerror = (event) => {
          end();
          reject(new Error(`The bench worker failed to start: ${event.message}`));
        };
        worker.postMessage({
          wasmURL: new URL(wasmPath, location.href).href,
          source,
          count,
          warmUps,
        });
      }),
    {
      workerScript: script,
      wasmPath: site.esbuildWasm,
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
