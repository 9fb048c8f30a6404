/// <reference lib="webworker" />
/**
 * The browser host of the sandbox runtime: one dedicated worker per run, spawned before it is
 * needed and terminated after the run. It runs inside an opaque-origin frame (sandbox-frame-document.ts),
 * started as a classic worker from a blob: URL, so it has the frame's strict CSP (no network, no
 * code from strings) and no origin: no storage, no caches, nothing of the site to read. The page's
 * MessagePort arrives in the first message; everything after goes over that port. The worker then
 * boots the runtime (frozen intrinsics, a warm mock API), says `ready`, waits for a `run` message
 * and imports the compiled program from a blob URL, so that top-level `await` works natively. A live
 * example's run gets a worker of its own; the checks of one judgement run one after another in one
 * worker while each finishes cleanly, each in a scope of its own (runtime.ts).
 * Everything host-specific is captured here first, before learner code exists: the port, the real
 * timers, a MessageChannel for event-loop turns.
 */
import './sandbox-storage-stand-in.ts';
import type { FromSandbox, ToSandbox } from './protocol.ts';
import { bootSandbox, type RuntimeHost } from './runtime.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
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

/** What the frame hands over first: the page's port, and the page's address for relative URLs. */
interface Connect {
  type: 'connect';
  baseUrl: string;
  /** False for sandboxes that boot back to back, one per check (the Grade page). */
  warmUp: boolean;
}

function start(port: MessagePort, baseUrl: string, warmUp: boolean): void {
  const post = port.postMessage.bind(port) as (message: FromSandbox) => void;
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
    baseUrl,
    warmUp,
  };

  const sandbox = bootSandbox(host);
  // The runtime runs one program at a time (a message during a run is ignored).
  // A Python run's message carries the bridge to its Python worker as its one port.
  port.onmessage = (event: MessageEvent<ToSandbox>) => void sandbox.run(event.data, event.ports[0]);
  void sandbox.ready.then(() => post({ type: 'ready' }));
}

let connected = false;
addListener('message', (event: MessageEvent<Connect>) => {
  const port = event.ports[0];
  // Only the frame's first message counts; anything later (or sent by learner code) is ignored.
  if (connected || !port || event.data?.type !== 'connect') return;
  connected = true;
  start(port, String(event.data.baseUrl), event.data.warmUp !== false);
});
