/**
 * The global scope learner code gets, in every host (browser worker, Node child process).
 *
 * Structural first, then a list:
 * 1. `freezeIntrinsics()` runs SES `lockdown()` when the sandbox boots, before any learner code exists:
 *    every JavaScript built-in (Array.prototype, Promise.prototype, JSON, Object, ...) is frozen, so
 *    learner code cannot bend what the runtime later calls. It also hardens the host's web classes
 *    the runtime relies on (Request, Response, Headers, AbortSignal, ...), which lockdown leaves alone:
 *    a getter on `Response.prototype.status` cannot be replaced to make a 404 read as 200.
 * 2. `installLearnerGlobals()` runs before the first program: the program's `fetch`, `console`,
 *    timers, `Date` and `performance` are defined read-only, everything on the global object that is
 *    not on the allow-list below is deleted (from its prototype chain too): the host's real fetch,
 *    storage, workers, sockets, `postMessage`, `process`, `scheduler`, `MessageChannel`... What
 *    learner code does not get, it cannot misuse. What it gets is bound read-only: `Object`, `JSON`
 *    and the rest cannot be swapped for fakes under code that reads them later.
 */
import 'ses';

/**
 * ECMAScript's own globals, plus SES's `harden`. Deliberately absent: `Compartment` (it evaluates
 * strings) and `FinalizationRegistry`, whose callbacks run whenever the garbage collector decides,
 * outside the program's own time (after its verdict, inside the checks). (`WeakRef` has no
 * callbacks, and Node's own fetch needs it.)
 */
const LANGUAGE = [
  'globalThis',
  'Infinity',
  'NaN',
  'undefined',
  'eval',
  'isFinite',
  'isNaN',
  'parseFloat',
  'parseInt',
  'decodeURI',
  'decodeURIComponent',
  'encodeURI',
  'encodeURIComponent',
  'escape',
  'unescape',
  'Object',
  'Function',
  'Array',
  'Number',
  'Boolean',
  'String',
  'Symbol',
  'BigInt',
  'Date',
  'Promise',
  'RegExp',
  'Error',
  'AggregateError',
  'EvalError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'TypeError',
  'URIError',
  'SuppressedError',
  'JSON',
  'Math',
  'Intl',
  'Reflect',
  'Proxy',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'WeakRef',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Atomics',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Iterator',
  'DisposableStack',
  'AsyncDisposableStack',
  'harden',
];

/** The web platform a lesson needs to call an HTTP API, and nothing that reaches past the sandbox. */
const WEB = [
  'self',
  'fetch',
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'queueMicrotask',
  'structuredClone',
  'performance',
  'AbortController',
  'AbortSignal',
  'URL',
  'URLSearchParams',
  'Headers',
  'Request',
  'Response',
  'FormData',
  'Blob',
  'File',
  'TextEncoder',
  'TextDecoder',
  'TextEncoderStream',
  'TextDecoderStream',
  'ReadableStream',
  'ReadableStreamDefaultReader',
  'ReadableByteStreamController',
  'ReadableStreamBYOBReader',
  'ReadableStreamDefaultController',
  'WritableStream',
  'WritableStreamDefaultWriter',
  'TransformStream',
  'ByteLengthQueuingStrategy',
  'CountQueuingStrategy',
  'CompressionStream',
  'DecompressionStream',
  'DOMException',
  'Event',
  'EventTarget',
  'CustomEvent',
  'atob',
  'btoa',
  'crypto',
  'Crypto',
  'SubtleCrypto',
  'CryptoKey',
  'require',
  // The sandbox's in-memory stand-in (msw keeps cookies there); a worker has no real localStorage.
  'localStorage',
];

export const ALLOWED_GLOBALS: ReadonlySet<string> = new Set([...LANGUAGE, ...WEB]);

/** Host web classes the runtime calls after learner code starts: frozen with their prototypes. */
const HOST_CLASSES = [
  'Request',
  'Response',
  'Headers',
  'AbortController',
  'AbortSignal',
  'URL',
  'URLSearchParams',
  'Blob',
  'File',
  'FormData',
  'TextEncoder',
  'TextDecoder',
  'ReadableStream',
  'ReadableStreamDefaultReader',
  'WritableStream',
  'TransformStream',
  'DOMException',
  'Event',
  'EventTarget',
  'CustomEvent',
  'MessagePort',
  'MessageChannel',
  'MessageEvent',
  'Crypto',
  'SubtleCrypto',
  // Not given to programs, but their instances are (a stream's controller, a BYOB read's request).
  'ReadableStreamDefaultController',
  'ReadableByteStreamController',
  'ReadableStreamBYOBRequest',
  'ReadableStreamBYOBReader',
  'WritableStreamDefaultController',
  'WritableStreamDefaultWriter',
  'TransformStreamDefaultController',
  // Chromium's Observables: every EventTarget's `when()` returns one (the browser's sweep found it).
  'Observable',
  'Subscriber',
];

let frozen = false;

/**
 * Freezes the language's intrinsics and the host's web classes. Once per realm, at boot.
 * `errorTaming: 'unsafe'` keeps `error.stack`, which maps a learner's error to its line.
 */
export function freezeIntrinsics(): void {
  if (frozen) return;
  frozen = true;
  lockdown({
    errorTaming: 'unsafe',
    stackFiltering: 'verbose',
    consoleTaming: 'unsafe',
    overrideTaming: 'moderate',
    domainTaming: 'unsafe',
    // eval, Function and their kin throw in every host, whatever the CSP (the browser's sandbox
    // worker is not covered by the page's meta-tag CSP).
    evalTaming: 'no-eval',
    // Keep toLocaleString and friends as in a browser: lessons print dates and numbers.
    localeTaming: 'unsafe',
    // SES says on the console which new built-ins it removes (Chromium 156's Iterator.prototype
    // join and includes): four console calls per boot, in the reader's developer tools and, in a
    // worker, a trip to the browser process each. The allow-list in SES is what decides, not this.
    reporting: 'none',
    // SES would otherwise end the Node child (process.exit) on an uncaught error before the
    // runtime's own handler reports it to the run: a throw in a microtask became a crash.
    errorTrapping: 'none',
    unhandledRejectionTrapping: 'none',
  });
  const scope = globalThis as Record<string, unknown>;
  // An event's timeStamp counts from the realm's start: where a judgement's checks share a realm,
  // it told a program how long the realm had lived, so how many checks came before it.
  const stamp = Object.getOwnPropertyDescriptor(Event.prototype, 'timeStamp');
  if (stamp?.configurable) {
    Object.defineProperty(Event.prototype, 'timeStamp', {
      get: () => 0,
      enumerable: stamp.enumerable ?? true,
      configurable: false,
    });
  }
  for (const name of HOST_CLASSES) {
    const constructor = scope[name];
    if (typeof constructor !== 'function') continue;
    for (
      let proto: object | null = constructor.prototype as object;
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      if (!Object.isFrozen(proto)) overridable(proto, 'constructor');
    }
    harden(constructor);
  }
  if (typeof scope.crypto === 'object' && scope.crypto) {
    addRandomUuid(scope.crypto as Crypto);
    harden(scope.crypto);
    // One object for every `crypto.subtle` read, behind a getter harden does not call.
    harden((scope.crypto as Crypto).subtle);
  }
  hardenHiddenPrototypes();
}

/**
 * Prototypes no global names, which programs still reach through the objects they are given: the
 * iterators of `Headers`, `URLSearchParams`, `FormData` and of a stream's `values()`, and
 * `Intl.Segmenter`'s segments and their iterator. Each is one object for the whole realm, so a
 * method or mark put on it would meet every later run.
 */
function hardenHiddenPrototypes(): void {
  const samples: (() => object)[] = [
    () => new Headers().entries(),
    () => new URLSearchParams().entries(),
    () => new FormData().entries(),
    () => new ReadableStream().values(),
    () => new ReadableStream()[Symbol.asyncIterator](),
    () => new Intl.Segmenter().segment(''),
    () => new Intl.Segmenter().segment('')[Symbol.iterator](),
  ];
  for (const sample of samples) {
    let made: object;
    try {
      made = sample();
    } catch {
      continue; // The host has no such iterator: nothing to reach.
    }
    harden(Object.getPrototypeOf(made));
  }
}

/**
 * `crypto.randomUUID` exists only in secure contexts, and a worker in the sandbox frame's opaque
 * origin is not one, so lessons' `Idempotency-Key: crypto.randomUUID()` failed in the browser but not
 * in Node. The same version 4 UUID (RFC 9562), from the same random source.
 */
function addRandomUuid(crypto: Crypto): void {
  if (typeof crypto.randomUUID === 'function') return;
  const getRandomValues = crypto.getRandomValues.bind(crypto);
  Object.defineProperty(crypto, 'randomUUID', {
    value: function randomUUID(): string {
      const bytes = getRandomValues(new Uint8Array(16));
      bytes[6] = (bytes[6]! & 0x0f) | 0x40;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
    writable: false,
    enumerable: true,
    configurable: false,
  });
}

/**
 * Frozen prototypes break code that assigns a property of the same name on an instance (the
 * "override mistake": Node's streams set `constructor` on a stream). As SES does for the language's
 * own prototypes, turn the property into a getter and a setter that defines it on the instance.
 */
function overridable(proto: object, name: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  if (!descriptor || !('value' in descriptor) || !descriptor.configurable) return;
  const value: unknown = descriptor.value;
  Object.defineProperty(proto, name, {
    get: () => value,
    set(this: object, next: unknown) {
      if (this === proto) throw new TypeError(`Cannot assign to read only property '${name}'`);
      Object.defineProperty(this, name, {
        value: next,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
    enumerable: descriptor.enumerable ?? false,
    configurable: false,
  });
}

let shared: [string, unknown][] | null = null;

/**
 * The realm's global bindings a program shares with every other run (frozen built-ins and web
 * classes), once `installLearnerGlobals` has run: a run's scope is these plus its own (runtime.ts).
 */
export function sharedGlobals(): readonly [string, unknown][] {
  if (!shared) {
    const scope = globalThis as Record<string, unknown>;
    shared = [...ALLOWED_GLOBALS]
      .filter((name) => Object.hasOwn(scope, name))
      .map((name) => [name, scope[name]]);
  }
  return shared;
}

/**
 * Defines the program's globals and deletes every other one. `provided` holds the runtime's own
 * objects (fetch, console, timers, ...): they are hardened and made read-only, so learner code can
 * neither replace them for the runtime nor reach through them. `hostGlobals` are ones the host's own
 * code reads at run time (Node's fetch reads the global `Buffer`): kept, and frozen.
 */
export function installLearnerGlobals(
  provided: Record<string, unknown>,
  hostGlobals: readonly string[] = [],
): void {
  const scope = globalThis as Record<string, unknown>;
  const allowed = new Set([...ALLOWED_GLOBALS, ...hostGlobals]);
  for (const name of hostGlobals) harden(scope[name]);
  for (const [name, value] of Object.entries(provided)) {
    harden(value);
    Object.defineProperty(scope, name, {
      value,
      writable: false,
      enumerable: true,
      configurable: false,
    });
  }
  // Allowed names that live on the global's prototypes (a worker's `self`, in some engines its timers
  // or `crypto`) are read now and re-defined on the global itself below.
  const kept = new Map<string, unknown>();
  for (const name of allowed) {
    if (name in scope && !Object.hasOwn(scope, name)) kept.set(name, scope[name]);
  }
  // The global's own prototypes (WorkerGlobalScope.prototype, ...) hold the host's real fetch, timers
  // and postMessage, reachable with Object.getPrototypeOf: empty them, but not the shared ones
  // (EventTarget.prototype is AbortSignal's too).
  const shared = new Set<object | null>([Object.prototype, EventTarget.prototype, null]);
  for (
    let target = Object.getPrototypeOf(scope) as object | null;
    !shared.has(target);
    target = Object.getPrototypeOf(target)
  ) {
    for (const name of Reflect.ownKeys(target as object)) {
      if (name !== 'constructor') Reflect.deleteProperty(target as object, name);
    }
  }
  for (const name of Reflect.ownKeys(scope)) {
    if (typeof name === 'string' && !allowed.has(name)) Reflect.deleteProperty(scope, name);
  }
  for (const [name, value] of kept) {
    if (Object.hasOwn(scope, name)) continue;
    Object.defineProperty(scope, name, { value, writable: false, configurable: false });
  }
  // Every value learner code can reach from here is frozen, not only the classes the runtime calls:
  // an own property on `atob` or a method swapped on `CompressionStream.prototype` would otherwise
  // be state that the checks module (or msw) meets after the learner's module ran.
  for (const name of Reflect.ownKeys(scope)) {
    if (name === 'globalThis' || name === 'self') continue;
    const value: unknown = Reflect.get(scope, name);
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') harden(value);
  }
  // The bindings too: the checks module reads `Object`, `JSON`, `Error`... from this global object
  // at run time, so `globalThis.Object = fake` (with an `is` that always says equal) forged a pass.
  // Accessors (Node's lazy globals) become the value they give.
  for (const name of Reflect.ownKeys(scope)) {
    const descriptor = Object.getOwnPropertyDescriptor(scope, name);
    if (!descriptor) continue;
    if (!descriptor.configurable) {
      // Node's undici keeps its dispatcher under a symbol, writable though not configurable.
      if (descriptor.writable) Object.defineProperty(scope, name, { writable: false });
      continue;
    }
    const value = 'value' in descriptor ? descriptor.value : scope[name as string];
    Object.defineProperty(scope, name, {
      value,
      writable: false,
      enumerable: descriptor.enumerable ?? false,
      configurable: false,
    });
  }
}
