/// <reference lib="webworker" />
/**
 * The execution worker: one per run, spawned before it is needed and terminated after the run.
 * It loads the mock API, waits for one `run` message, locks the global scope down (see
 * sandbox-lockdown.ts), and imports the compiled learner module from a blob URL so that top-level
 * `await` works natively. Everything it reports goes through `post`, a private copy of postMessage.
 */
import './sandbox-storage-stand-in.ts';
import { getResponse } from 'msw';
import { createMockApi, isScenarioId, scenarios } from '../../mock-api/index.ts';
import type { FromSandbox, RunError, ToSandbox } from './protocol.ts';
import { createSandboxConsole } from './sandbox-console.ts';
import { createSandboxFetch } from './sandbox-fetch.ts';
import { lockDown } from './sandbox-lockdown.ts';
import { createPendingWork } from './sandbox-timers.ts';
import { SourceMapLookup, positionFromStack } from './source-map.ts';
import { serialize, formatSerialized } from './serialize.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = scope.postMessage.bind(scope) as (message: FromSandbox) => void;
const origin = scope.location.origin;

scope.addEventListener('message', (event: MessageEvent<ToSandbox>) => {
  if (event.data?.type === 'run') void run(event.data);
});
// Most runs use the default settings: build that mock API while the worker waits, not after Run.
// It is still fresh state for the run, because each worker runs one program only.
const DEFAULT_SEED = 1;
const prepared = createMockApi({ scenario: 'normal', seed: DEFAULT_SEED });
await warmUp();
post({ type: 'ready' });

/**
 * A fresh worker runs everything for the first time, slowly (no JIT yet). Answer one request with a
 * throwaway mock API and print one value, so the reader's first request and line are fast. Nothing
 * of this is visible to the run: its mock API is another instance, and msw's cookie jar is emptied.
 */
async function warmUp(): Promise<void> {
  const scratch = createMockApi({ scenario: 'normal', seed: DEFAULT_SEED });
  const response = await getResponse(
    scratch.handlers,
    new Request('https://api.github.com/repos/python/cpython'),
  );
  await response?.json();
  formatSerialized(serialize({ warm: [1, 'up'], map: new Map([[1, 2]]) }));
  localStorage.clear();
}

let started = false;

async function run({ js, sourceMap, settings }: ToSandbox): Promise<void> {
  // One program per worker: a second run message (or one sent by learner code) is ignored.
  if (started) return;
  started = true;
  const startedAt = performance.now();
  const now = () => Math.round((performance.now() - startedAt) * 10) / 10;
  const moduleUrl = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
  const lookup = new SourceMapLookup(sourceMap);
  let failed = false;

  const output = createSandboxConsole(post, now, {}, () => post({ type: 'output-capped' }));
  const pending = createPendingWork();
  if (!isScenarioId(settings.scenario)) {
    output.explain(
      'warn',
      `Unknown scenario "${settings.scenario}", so the API behaves normally. Known scenarios: ${scenarios.map((entry) => entry.id).join(', ')}.`,
    );
  }
  const scenario = isScenarioId(settings.scenario) ? settings.scenario : 'normal';
  // A fresh mock API per run: rate-limit counters, flaky counters and created users start over.
  const handlers = (
    scenario === 'normal' && settings.seed === DEFAULT_SEED
      ? prepared
      : createMockApi({ scenario, seed: settings.seed })
  ).handlers;
  const sandboxFetch = createSandboxFetch({
    handlers,
    baseUrl: origin,
    now,
    onNetwork: (event) => post({ type: 'network', event }),
    onBlocked: (text) => output.explain('warn', text),
    onPending: pending.adjust,
  });

  const report = (thrown: unknown, kind: RunError['kind']) => {
    failed = true;
    post({ type: 'error', error: describeError(thrown, kind, moduleUrl, lookup), time: now() });
  };
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    report(event.error ?? event.message, 'uncaught');
  });
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    report(event.reason, 'unhandled-rejection');
  });

  Object.defineProperty(globalThis, 'fetch', {
    value: sandboxFetch,
    configurable: false,
    writable: false,
  });
  Object.defineProperty(globalThis, 'console', {
    value: output.console,
    configurable: false,
    writable: true,
  });
  pending.install();
  lockDown();

  post({ type: 'started', time: now() });
  try {
    await import(/* @vite-ignore */ moduleUrl);
  } catch (error) {
    report(error, 'uncaught');
  }
  await pending.idle();
  const dropped = output.dropped();
  if (dropped > 0) post({ type: 'output-dropped', lines: dropped });
  post({ type: 'finished', time: now(), failed });
}

function describeError(
  thrown: unknown,
  kind: RunError['kind'],
  moduleUrl: string,
  lookup: SourceMapLookup,
): RunError {
  if (
    thrown instanceof Error ||
    (typeof thrown === 'object' && thrown !== null && 'stack' in thrown)
  ) {
    const error = thrown as Error;
    const stack = typeof error.stack === 'string' ? error.stack : '';
    return {
      name: String(error.name ?? 'Error'),
      message: String(error.message ?? ''),
      position: positionFromStack(stack, moduleUrl, lookup),
      kind,
    };
  }
  // `throw 'text'` or `Promise.reject(42)`: no stack to map, print the value the way the console would.
  return { name: 'Uncaught', message: formatSerialized(serialize(thrown)), position: null, kind };
}
