/// <reference lib="webworker" />
/**
 * The browser host of the sandbox runtime: one dedicated worker per run, spawned before it is
 * needed and terminated after the run. It boots the runtime (frozen intrinsics, a warm mock API),
 * says `ready`, waits for one `run` message and imports the compiled program from a blob URL, so
 * that top-level `await` works natively. Everything host-specific is captured here first, before
 * learner code exists: `postMessage`, the real timers, a MessageChannel for event-loop turns.
 */
import './sandbox-storage-stand-in.ts';
import type { FromSandbox, ToSandbox } from './protocol.ts';
import { bootSandbox, type RuntimeHost } from './runtime.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = scope.postMessage.bind(scope) as (message: FromSandbox) => void;
const realSetTimeout = scope.setTimeout.bind(scope);
const realClearTimeout = scope.clearTimeout.bind(scope);
const realSetInterval = scope.setInterval.bind(scope);
const realClearInterval = scope.clearInterval.bind(scope);
const realPerformance = performance;
const realNow = realPerformance.now.bind(realPerformance);
const realDateNow = Date.now;
const createObjectURL = URL.createObjectURL.bind(URL);
const addListener = scope.addEventListener.bind(scope);

// Turns of the event loop without the 4 ms clamp of nested timeouts: a message to ourselves.
const turns = new MessageChannel();
const waiting: (() => void)[] = [];
turns.port1.onmessage = () => waiting.shift()?.();

const host: RuntimeHost = {
  post,
  realTime: {
    setTimeout: (callback, ms) => realSetTimeout(callback, ms),
    clearTimeout: (handle) => realClearTimeout(handle as number),
    setInterval: (callback, ms) => realSetInterval(callback, ms),
    clearInterval: (handle) => realClearInterval(handle as number),
    now: realNow,
    epochNow: realDateNow,
  },
  nextTurn: () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      turns.port2.postMessage(null);
    }),
  loadModule(js) {
    const url = createObjectURL(new Blob([js], { type: 'text/javascript' }));
    return { url, loaded: import(/* @vite-ignore */ url) };
  },
  onUncaught(report) {
    addListener('error', (event) => {
      event.preventDefault();
      report(event.error ?? event.message, 'uncaught');
    });
    addListener('unhandledrejection', (event) => {
      event.preventDefault();
      report(event.reason, 'unhandled-rejection');
    });
  },
  baseUrl: scope.location.origin,
};

const sandbox = bootSandbox(host);
let started = false;

addListener('message', (event: MessageEvent<ToSandbox>) => {
  // One program per worker: a second run message (or one sent by learner code) is ignored.
  if (event.data?.type !== 'run' || started) return;
  started = true;
  void sandbox.run(event.data);
});
void sandbox.ready.then(() => post({ type: 'ready' }));
