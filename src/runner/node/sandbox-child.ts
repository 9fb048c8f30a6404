/**
 * The Node host of the sandbox runtime: a child process per run (per judgement when judging), the
 * counterpart of the browser's sandbox worker (sandbox-worker.ts). The parent (node-host.ts) starts
 * it under Node's permission model (no file-system writes, no child processes, no workers, no code
 * from strings) and talks to it over the IPC channel. Everything host-specific is captured here
 * before learner code exists; the runtime then deletes `process`, `require` and every other global
 * that is not on the allow-list.
 */
import '../sandbox-storage-stand-in.ts';
import type { FromSandbox, ToSandbox } from '../protocol.ts';
import { bootSandbox, type RuntimeHost } from '../runtime.ts';

const send = process.send?.bind(process);
if (!send) {
  throw new Error(
    'sandbox-child runs only as a child process with an IPC channel (see node-host.ts).',
  );
}
const onProcess = process.on.bind(process);
const exit = process.exit.bind(process);
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;
const realSetInterval = setInterval;
const realClearInterval = clearInterval;
const realSetImmediate = setImmediate;
const realNow = performance.now.bind(performance);
const realDateNow = Date.now;

// Taken before learner code exists, like everything else here.
const randomUUID = crypto.randomUUID.bind(crypto);
// The loader's `require` (child-files.ts hands it to this bundle); programs never see it.
const loadInternal: (id: string) => unknown = require;

const post = (message: FromSandbox) => {
  send(message);
};

const host: RuntimeHost = {
  post,
  realTime: {
    setTimeout: (callback, ms) => realSetTimeout(callback, ms),
    clearTimeout: (handle) => realClearTimeout(handle as NodeJS.Timeout),
    setInterval: (callback, ms) => realSetInterval(callback, ms),
    clearInterval: (handle) => realClearInterval(handle as NodeJS.Timeout),
    now: realNow,
    epochNow: realDateNow,
  },
  nextTurn: () => new Promise<void>((resolve) => realSetImmediate(resolve)),
  loadModule(js) {
    // A data: URL needs no file, which the permission model would refuse to write anyway. Node caches
    // modules by URL: a random suffix makes each load a fresh module, as a new blob: URL does in
    // browsers. Not a count: `import.meta.url` would tell a program how many loads came before it.
    const url = `data:text/javascript,${encodeURIComponent(`${js}\n// load ${randomUUID()}`)}`;
    return { url, loaded: import(url) };
  },
  onUncaught(report) {
    onProcess('uncaughtException', (error) => report(error, 'uncaught'));
    onProcess('unhandledRejection', (reason) => report(reason, 'unhandled-rejection'));
  },
  // Relative URLs resolve as they would on the course site.
  baseUrl: 'http://127.0.0.1:4321',
  hostGlobals: ['Buffer'],
  // Node's internal error classes, one per error code (ERR_INVALID_ARG_TYPE, ...): a program that
  // catches what Node throws holds one's prototype. `--expose-internals` (child-files.ts) lets this
  // process, before any program exists, reach them; programs have no `require` to do the same.
  hiddenObjects: () => {
    const errors = loadInternal('internal/errors') as Record<string, unknown> & {
      codes: Record<string, unknown>;
    };
    return [
      ...Object.values(errors.codes),
      ...Object.values(errors).filter((value) => typeof value === 'function'),
    ];
  },
  // Node's sandboxes judge checks one after another, each a process of its own: a warm-up would be
  // one more request's work per check, with no reader waiting on a first Run.
  warmUp: false,
};

// Node loads its fetch implementation (undici) on first use, and that load reads the global `Buffer`,
// which learner code will not have: load it now.
void globalThis.fetch;

const sandbox = bootSandbox(host);
// The runtime runs one program at a time: one judgement's checks, one after another.
onProcess('message', (message: ToSandbox) => void sandbox.run(message));
// The parent ends the process by killing it; losing the parent must end it too.
onProcess('disconnect', () => exit(0));
void sandbox.ready.then(() => post({ type: 'ready' }));
