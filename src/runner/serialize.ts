/**
 * Console serialisation shared by the sandbox worker (which captures `console.*` arguments), the
 * page (which renders them) and Node tools (which compare a lesson's output with its expected
 * output). It imports nothing and touches no DOM, so it runs in all three places unchanged.
 *
 * `serialize` turns any value into plain, structured-clone-safe data; `formatSerialized` and
 * `formatConsoleLine` turn that data into the exact text the Console shows. The text follows Node's
 * `util.inspect` style (`{ id: 1, name: 'Ada' }`, `Map(1) { 'a' => 1 }`), because that is what
 * readers see when they run the same code with Node, and top-level strings print without quotes as
 * in every browser console.
 */
import { quote } from './quote.ts';

/** One property of an object or error: a printable key and its value. */
export interface SerializedEntry {
  key: string;
  value: SerializedValue;
}

export type SerializedValue =
  | { type: 'string'; value: string; truncated?: number }
  | { type: 'number'; value: string }
  | { type: 'bigint'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'undefined' }
  | { type: 'null' }
  | { type: 'symbol'; description: string }
  | { type: 'function'; name: string; isClass: boolean }
  | { type: 'array'; label: string | null; items: SerializedValue[]; length: number }
  | { type: 'object'; label: string | null; entries: SerializedEntry[]; omitted: number }
  | { type: 'map'; entries: [SerializedValue, SerializedValue][]; size: number }
  | { type: 'set'; items: SerializedValue[]; size: number }
  | {
      type: 'error';
      name: string;
      message: string;
      stack: string | null;
      entries: SerializedEntry[];
    }
  | { type: 'date'; value: string }
  | { type: 'regexp'; value: string }
  | { type: 'headers'; entries: [string, string][] }
  | {
      type: 'response';
      status: number;
      statusText: string;
      ok: boolean;
      url: string;
      redirected: boolean;
      bodyUsed: boolean;
      headers: [string, string][];
    }
  | { type: 'request'; method: string; url: string; headers: [string, string][] }
  | { type: 'url'; label: 'URL' | 'URLSearchParams'; value: string }
  | { type: 'promise' }
  | { type: 'accessor'; label: '[Getter]' | '[Setter]' | '[Getter/Setter]' }
  | { type: 'circular' }
  | { type: 'too-deep'; label: string }
  | { type: 'unserializable'; reason: string };

export interface SerializeOptions {
  /**
   * How many levels of nesting are expanded; deeper objects print as `[Object]` / `[Array]`.
   * @default 4
   */
  maxDepth?: number;
  /**
   * Items shown per array, Map, Set or object before "... N more items".
   * @default 100
   */
  maxItems?: number;
  /**
   * Characters kept per string.
   * @default 10000
   */
  maxStringLength?: number;
  /**
   * Characters kept of all strings in one value together: 100 x 100 strings of 10 kB must not be
   * copied, sent and formatted whole only to be cut at the line's cap.
   * @default 40000
   */
  maxTotalChars?: number;
}

/** The settings of one walk, with the characters still left to spend. */
type Walk = Required<SerializeOptions> & { left: number };

const DEFAULTS: Required<SerializeOptions> = {
  maxDepth: 4,
  maxItems: 100,
  maxStringLength: 10_000,
  maxTotalChars: 40_000,
};

/** Turns any value into plain data that survives `postMessage` and prints like Node's inspect. */
export function serialize(value: unknown, options: SerializeOptions = {}): SerializedValue {
  const settings = { ...DEFAULTS, ...options };
  return walk(value, 0, new Set(), { ...settings, left: settings.maxTotalChars });
}

function walk(
  value: unknown,
  depth: number,
  ancestors: Set<object>,
  settings: Walk,
): SerializedValue {
  try {
    return walkUnsafe(value, depth, ancestors, settings);
  } catch (error) {
    // Learner code can hand us proxies or getters that throw; one bad value must not kill the line.
    return {
      type: 'unserializable',
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}

function walkUnsafe(
  value: unknown,
  depth: number,
  ancestors: Set<object>,
  settings: Walk,
): SerializedValue {
  switch (typeof value) {
    case 'string': {
      const kept = keep(value, settings);
      return kept.length < value.length
        ? { type: 'string', value: kept, truncated: value.length - kept.length }
        : { type: 'string', value };
    }
    case 'number':
      return { type: 'number', value: Object.is(value, -0) ? '-0' : String(value) };
    case 'bigint':
      return { type: 'bigint', value: `${value}n` };
    case 'boolean':
      return { type: 'boolean', value };
    case 'undefined':
      return { type: 'undefined' };
    case 'symbol':
      return { type: 'symbol', description: value.description ?? '' };
    case 'function':
      return {
        type: 'function',
        name: value.name,
        isClass: /^class[\s{]/.test(Function.prototype.toString.call(value)),
      };
  }
  if (value === null) return { type: 'null' };
  const object = value as object;
  if (ancestors.has(object)) return { type: 'circular' };

  const leaf = serializeLeafObject(object);
  if (leaf) return leaf;

  if (depth >= settings.maxDepth) {
    return {
      type: 'too-deep',
      label: Array.isArray(object) ? 'Array' : (labelOf(object) ?? 'Object'),
    };
  }
  ancestors.add(object);
  try {
    return serializeContainer(
      object,
      (child) => walk(child, depth + 1, ancestors, settings),
      settings,
    );
  } finally {
    ancestors.delete(object);
  }
}

/** Objects that print as one summary, with no nesting to walk. */
function serializeLeafObject(object: object): SerializedValue | null {
  if (object instanceof Date) {
    return {
      type: 'date',
      value: Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString(),
    };
  }
  if (object instanceof RegExp) return { type: 'regexp', value: String(object) };
  if (object instanceof Promise) return { type: 'promise' };
  if (typeof Headers !== 'undefined' && object instanceof Headers) {
    return { type: 'headers', entries: [...object.entries()] };
  }
  if (typeof Response !== 'undefined' && object instanceof Response) {
    return {
      type: 'response',
      status: object.status,
      statusText: object.statusText,
      ok: object.ok,
      url: object.url,
      redirected: object.redirected,
      bodyUsed: object.bodyUsed,
      headers: [...object.headers.entries()],
    };
  }
  if (typeof Request !== 'undefined' && object instanceof Request) {
    return {
      type: 'request',
      method: object.method,
      url: object.url,
      headers: [...object.headers.entries()],
    };
  }
  if (typeof URL !== 'undefined' && object instanceof URL) {
    return { type: 'url', label: 'URL', value: object.href };
  }
  if (typeof URLSearchParams !== 'undefined' && object instanceof URLSearchParams) {
    return { type: 'url', label: 'URLSearchParams', value: object.toString() };
  }
  return null;
}

/** The part of `text` this walk can still afford (all of it, while the budget lasts). */
function keep(text: string, settings: Walk): string {
  const kept = Math.max(0, Math.min(text.length, settings.maxStringLength, settings.left));
  settings.left -= kept;
  return kept < text.length ? text.slice(0, kept) : text;
}

function serializeContainer(
  object: object,
  child: (value: unknown) => SerializedValue,
  settings: Walk,
): SerializedValue {
  const { maxItems } = settings;
  // Past the character budget, lists stop early and say how many items were left out.
  const room = (count: number) => count < maxItems && settings.left > 0;
  if (object instanceof Error) {
    const entries = ownEntries(object, child, room).entries.filter(
      (entry) => entry.key !== 'stack' && entry.key !== 'message',
    );
    if ('cause' in object && !entries.some((entry) => entry.key === 'cause')) {
      entries.push({ key: '[cause]', value: child(object.cause) });
    }
    return {
      type: 'error',
      name: errorName(object),
      message: keep(String(object.message), settings),
      stack: typeof object.stack === 'string' ? keep(object.stack, settings) : null,
      entries,
    };
  }
  if (object instanceof Map) {
    const entries: [SerializedValue, SerializedValue][] = [];
    for (const [key, item] of object) {
      if (!room(entries.length)) break;
      entries.push([child(key), child(item)]);
    }
    return { type: 'map', entries, size: object.size };
  }
  if (object instanceof Set) {
    const items: SerializedValue[] = [];
    for (const item of object) {
      if (!room(items.length)) break;
      items.push(child(item));
    }
    return { type: 'set', items, size: object.size };
  }
  if (Array.isArray(object) || ArrayBuffer.isView(object)) {
    const list = object as ArrayLike<unknown>;
    const items: SerializedValue[] = [];
    for (let index = 0; index < list.length && room(index); index += 1)
      items.push(child(list[index]));
    const label = Array.isArray(object) ? null : (labelOf(object) ?? 'TypedArray');
    return { type: 'array', label, items, length: list.length };
  }
  const { entries, omitted } = ownEntries(object, child, room);
  return { type: 'object', label: labelOf(object), entries, omitted };
}

function ownEntries(
  object: object,
  child: (value: unknown) => SerializedValue,
  room: (count: number) => boolean,
): { entries: SerializedEntry[]; omitted: number } {
  const descriptors = Object.getOwnPropertyDescriptors(object);
  const keys = Reflect.ownKeys(descriptors).filter(
    (key) => descriptors[key as keyof typeof descriptors]?.enumerable,
  );
  const entries: SerializedEntry[] = [];
  for (const key of keys) {
    if (!room(entries.length)) break;
    const descriptor = descriptors[key as keyof typeof descriptors]!;
    const printedKey = typeof key === 'symbol' ? `[${String(key)}]` : printKey(key);
    // Getters are not invoked: reading them could run learner code with side effects.
    const value =
      'value' in descriptor
        ? child(descriptor.value)
        : ({
            type: 'accessor',
            label:
              descriptor.get && descriptor.set
                ? '[Getter/Setter]'
                : descriptor.get
                  ? '[Getter]'
                  : '[Setter]',
          } satisfies SerializedValue);
    entries.push({ key: printedKey, value });
  }
  return { entries, omitted: keys.length - entries.length };
}

function errorName(error: Error): string {
  const name = String(error.name);
  const constructorName = error.constructor?.name;
  return constructorName &&
    constructorName !== name &&
    constructorName !== 'Error' &&
    name === 'Error'
    ? constructorName
    : name;
}

/** The constructor name for class instances; null for plain objects. */
function labelOf(object: object): string | null {
  const prototype = Object.getPrototypeOf(object);
  if (prototype === null) return '[Object: null prototype]';
  if (prototype === Object.prototype) return null;
  const name = prototype.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : null;
}

function printKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}
