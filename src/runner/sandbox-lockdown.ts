/**
 * Takes away, before learner code runs, everything in a worker that could reach the network
 * directly, read the site's stored data, start more code, or talk to the page.
 *
 * Why learner code cannot touch the page or the reader's saved data:
 * - It runs in a dedicated worker: no `document`, no DOM, no `localStorage` or `sessionStorage`
 *   (workers never have them), no `opener`/`parent`. The page talks to it only through messages that
 *   the page validates.
 * - A same-origin worker could still open the site's IndexedDB, Cache Storage, the origin private
 *   file system (`navigator.storage`) and cookies (`cookieStore`). Those entry points are deleted from
 *   the global object and its prototypes here, before the learner's module is even fetched. They
 *   cannot be recovered: their interfaces (`IDBFactory`, `CacheStorage`, `StorageManager`) have no
 *   public constructors, and the other ways to get a fresh global (a nested `Worker` or
 *   `SharedWorker`) are deleted too. `eval`, `Function` and `setTimeout(string)` are blocked, so
 *   code cannot be assembled at run time to get around the compile-time import check.
 * - `postMessage` to the page is deleted from the global scope (the runtime keeps its own bound
 *   copy), so learner code cannot forge console lines or a "finished" message.
 */

const NETWORK_APIS: Record<string, string> = {
  XMLHttpRequest: 'XMLHttpRequest is not available in examples: use fetch',
  WebSocket: 'WebSockets are not available in examples',
  WebSocketStream: 'WebSockets are not available in examples',
  EventSource: 'EventSource is not available in examples',
  WebTransport: 'WebTransport is not available in examples',
  Worker: 'Examples cannot start workers',
  SharedWorker: 'Examples cannot start workers',
  BroadcastChannel: 'BroadcastChannel is not available in examples',
  FontFace: 'FontFace is not available in examples',
};

const REMOVED = ['indexedDB', 'caches', 'cookieStore', 'fonts', 'postMessage', 'importScripts'];

const REACH = "examples can only reach the course's mock API with fetch.";

/** Deletes `name` wherever it lives on the global object's prototype chain. */
function remove(name: string): void {
  for (let target: object | null = globalThis; target; target = Object.getPrototypeOf(target)) {
    if (Object.hasOwn(target, name)) Reflect.deleteProperty(target, name);
  }
}

function blocked(message: string) {
  return function unavailable(): never {
    throw new TypeError(`${message}; ${REACH}`);
  };
}

export function lockDown(): void {
  for (const name of REMOVED) remove(name);
  for (const [name, message] of Object.entries(NETWORK_APIS)) {
    remove(name);
    Object.defineProperty(globalThis, name, {
      value: blocked(message),
      configurable: false,
      writable: false,
    });
  }
  Object.defineProperty(globalThis, 'importScripts', {
    value: blocked('importScripts is not available in examples'),
    configurable: false,
  });
  const nav = globalThis.navigator as Navigator | undefined;
  if (nav) {
    for (let target: object | null = nav; target; target = Object.getPrototypeOf(target)) {
      if (Object.hasOwn(target, 'storage')) Reflect.deleteProperty(target, 'storage');
    }
  }
  blockCodeFromStrings();
  // esbuild lowers `import(url)` to `require(url)`; this is what answers it.
  Object.defineProperty(globalThis, 'require', {
    value: (specifier: unknown) => {
      throw new TypeError(
        `import(${JSON.stringify(String(specifier))}) is blocked: examples cannot load code at run time; ${REACH}`,
      );
    },
    configurable: false,
  });
}

function blockCodeFromStrings(): void {
  const message = 'Examples cannot run code from strings (eval, new Function)';
  const refuse = blocked(message);
  Object.defineProperty(globalThis, 'eval', {
    value: refuse,
    configurable: false,
    writable: false,
  });
  const constructors = [
    Function,
    Object.getPrototypeOf(async function () {}).constructor,
    Object.getPrototypeOf(function* () {}).constructor,
    Object.getPrototypeOf(async function* () {}).constructor,
  ] as { prototype: object }[];
  const guard = Object.assign(refuse, { prototype: Function.prototype });
  for (const constructor of constructors) {
    Object.defineProperty(constructor.prototype, 'constructor', {
      value: constructor === Function ? guard : refuse,
      configurable: false,
      writable: false,
    });
  }
  Object.defineProperty(globalThis, 'Function', {
    value: guard,
    configurable: false,
    writable: false,
  });
}
