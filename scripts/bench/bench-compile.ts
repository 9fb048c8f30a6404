/**
 * The compile side of a Run, timed in the page that runs the example, so the runner's overhead can
 * be stated as a ratio:
 * - bare esbuild (transform, and build with the runner's options) on the example's code, in a
 *   module worker like the site's compiler: esbuild-wasm's ESM browser build from node_modules
 *   (the version the site bundles) with the site's own esbuild.wasm. The worker and esbuild's JS
 *   are served on the site's origin by bench-only Playwright routes under /__bench/;
 * - a compile through the site's own compiler worker (a second instance, spoken to with the
 *   runner's protocol), i.e. esbuild's build plus the worker round trip.
 * Nothing is added to the site: no production hook, no eval, and the page's CSP is untouched.
 * The compiler worker is timed first: whichever worker instantiates esbuild.wasm first pays for
 * V8 optimising it, and the bare numbers are the baseline, so they must not carry that cost.
 */
import type { Page } from '@playwright/test';
import type { FromCompiler, ToCompiler } from '../../src/runner/protocol.ts';
import { PAGE_WAIT_MS } from './bench-page.ts';
import type { SiteInfo } from './bench-site.ts';

const WARM_UPS = 20;

/**
 * The bench worker's module. Besides the transform (the baseline issue 6 names) it times a build
 * with the options src/runner/compile.ts uses, which is what the runner really does: in
 * esbuild-wasm the transform is not reliably the cheaper of the two, so it is no lower bound.
 */
const ESBUILD_WORKER = `
import * as esbuild from './esbuild-browser.mjs';
const time = async (count, work) => {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
};
self.onmessage = async (event) => {
  const { wasmURL, source, count, warmUps } = event.data;
  const transform = () => esbuild.transform(source, { loader: 'ts', format: 'esm', target: 'esnext' });
  const build = () => esbuild.build({
    stdin: { contents: source, loader: 'ts', sourcefile: 'example.ts' },
    bundle: true, write: false, format: 'esm', target: 'esnext',
    supported: { 'dynamic-import': false }, sourcemap: 'external', outfile: 'example.js',
    logLevel: 'silent',
  });
  try {
    await esbuild.initialize({ wasmURL, worker: false });
    await time(warmUps, transform);
    await time(warmUps, build);
    self.postMessage({ transform: await time(count, transform), build: await time(count, build) });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};`;

export interface EsbuildTimes {
  /** ms per `esbuild.transform(code, { loader: 'ts', format: 'esm' })`. */
  transform: number[];
  /** ms per `esbuild.build` of the code with the runner's options. */
  build: number[];
}

/** Bare esbuild on `code`, timed inside a worker of the page after warm-ups. */
export async function timeBareEsbuild(
  page: Page,
  site: SiteInfo,
  code: string,
  samples: number,
): Promise<EsbuildTimes> {
  await page.route('**/__bench/esbuild-worker.mjs', (route) =>
    route.fulfill({ body: ESBUILD_WORKER, contentType: 'text/javascript' }),
  );
  await page.route('**/__bench/esbuild-browser.mjs', (route) =>
    route.fulfill({ path: site.esbuildBrowserModule, contentType: 'text/javascript' }),
  );
  return page.evaluate(
    ({ wasmPath, source, count, warmUps, limit }) =>
      new Promise<EsbuildTimes>((resolve, reject) => {
        const worker = new Worker('/__bench/esbuild-worker.mjs', {
          type: 'module',
          name: 'bench-esbuild',
        });
        const end = () => {
          clearTimeout(timer);
          worker.terminate();
        };
        const timer = setTimeout(() => {
          end();
          reject(new Error(`esbuild did not answer within ${limit} ms.`));
        }, limit);
        worker.onmessage = (event: MessageEvent<Partial<EsbuildTimes> & { error?: string }>) => {
          end();
          const { transform, build } = event.data;
          if (transform && build) resolve({ transform, build });
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
