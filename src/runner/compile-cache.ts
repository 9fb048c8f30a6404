/**
 * Compiled output kept by a SHA-256 of the source, so running the same code again skips the
 * compiler (and, before esbuild-wasm has loaded, never starts it). Environment-free: the page, the
 * compiler worker and Node tests all have `crypto.subtle`.
 */
import type { CompileResult } from './compile.ts';

export type CompileFn = (code: string) => Promise<CompileResult>;

export interface CompileCacheOptions {
  /**
   * Results kept; the least recently used is dropped first. A reader edits one example at a time, so
   * a few dozen covers every example of a lesson and its recent variants.
   * @default 50
   */
  maxEntries?: number;
}

/** Hex SHA-256 of the UTF-8 source: the key of the cache and of precompiled examples. */
export async function sourceHash(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class CompileCache {
  readonly #entries = new Map<string, CompileResult>();
  readonly #maxEntries: number;

  constructor({ maxEntries = 50 }: CompileCacheOptions = {}) {
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(hash: string): CompileResult | undefined {
    const hit = this.#entries.get(hash);
    if (hit) {
      // Re-insert so Map order stays least- to most-recently used.
      this.#entries.delete(hash);
      this.#entries.set(hash, hit);
    }
    return hit;
  }

  set(hash: string, result: CompileResult): void {
    this.#entries.delete(hash);
    this.#entries.set(hash, result);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /**
   * Wraps a compiler: a source seen before answers from the cache. Compile errors are cached too
   * (the same source fails the same way); a crash of the compiler itself is not, so a retry retries.
   */
  wrap(compile: CompileFn): CompileFn {
    return async (code) => {
      const hash = await sourceHash(code);
      const hit = this.get(hash);
      if (hit) return hit;
      const result = await compile(code);
      this.set(hash, result);
      return result;
    };
  }
}
