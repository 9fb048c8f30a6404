/**
 * msw keeps cookies in `localStorage`, which workers do not have, and refuses to start without it.
 * This gives the sandbox an empty, in-memory stand-in: it lives and dies with the worker and has no
 * connection to the site's real localStorage (which a worker cannot reach at all).
 * Imported first by sandbox-worker.ts, because msw checks for it while loading. A program gets a
 * store of its own for its run (runtime.ts), never this one.
 */
export class MemoryStorage {
  #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.#items.get(String(key)) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(String(key), String(value));
  }
  removeItem(key: string): void {
    this.#items.delete(String(key));
  }
  clear(): void {
    this.#items.clear();
  }
}

if (!('localStorage' in globalThis)) {
  Object.defineProperty(globalThis, 'localStorage', {
    value: new MemoryStorage(),
    configurable: true,
  });
}
