import { describe, expect, it } from 'vitest';
import type { CompileResult } from './compile.ts';
import { CompileCache, sourceHash } from './compile-cache.ts';

function countingCompiler() {
  const calls: string[] = [];
  const compile = async (code: string): Promise<CompileResult> => {
    calls.push(code);
    return code.includes('!!')
      ? {
          ok: false,
          diagnostics: [{ message: 'bad', line: 1, column: 1, length: 1, severity: 'error' }],
        }
      : { ok: true, js: `/*js*/${code}`, sourceMap: '{}', warnings: [] };
  };
  return { calls, compile };
}

describe('sourceHash', () => {
  it('is the hex SHA-256 of the UTF-8 source', async () => {
    // SHA-256("abc"), FIPS 180-2 test vector.
    expect(await sourceHash('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await sourceHash('é')).not.toBe(await sourceHash('e'));
  });
});

describe('CompileCache', () => {
  it('compiles a source once and answers repeats from the cache', async () => {
    const { calls, compile } = countingCompiler();
    const cached = new CompileCache().wrap(compile);
    const first = await cached('console.log(1)');
    const second = await cached('console.log(1)');
    await cached('console.log(2)');
    expect(calls).toEqual(['console.log(1)', 'console.log(2)']);
    expect(second).toEqual(first);
  });

  it('caches compile errors but not compiler crashes', async () => {
    const { calls, compile } = countingCompiler();
    const cached = new CompileCache().wrap(compile);
    await cached('!!');
    await cached('!!');
    expect(calls).toEqual(['!!']);

    let crashes = 0;
    const crashing = new CompileCache().wrap(async () => {
      crashes++;
      throw new Error('worker died');
    });
    await expect(crashing('x')).rejects.toThrow('worker died');
    await expect(crashing('x')).rejects.toThrow('worker died');
    expect(crashes).toBe(2);
  });

  it('drops the least recently used entry beyond maxEntries', async () => {
    const { calls, compile } = countingCompiler();
    const cache = new CompileCache({ maxEntries: 2 });
    const cached = cache.wrap(compile);
    await cached('a');
    await cached('b');
    await cached('a'); // a is now the most recent
    await cached('c'); // evicts b
    expect(cache.size).toBe(2);
    await cached('a');
    await cached('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });
});

describe('the build’s hash of a source', () => {
  it('equals the page’s, so both name the same compiled output', async () => {
    const { sourceHashSync } = await import('../lib/precompiled-examples.ts');
    for (const code of ['', 'console.log("é ✓ 😀");', 'a\r\nb']) {
      expect(sourceHashSync(code)).toBe(await sourceHash(code));
    }
  });
});
