import { describe, expect, it } from 'vitest';
import type { CompileResult } from './compile.ts';
import { PrecompiledCompiler, isCompileResult } from './precompiled-compiler.ts';

const built: CompileResult = {
  ok: true,
  js: 'console.log("built");\n',
  sourceMap: '{}',
  warnings: [],
};
const compiled: CompileResult = {
  ok: true,
  js: 'console.log("wasm");\n',
  sourceMap: '{}',
  warnings: [],
};

function setup(files: Record<string, unknown> = { '/compiled/a.json': built }) {
  const fetched: string[] = [];
  const compiledCodes: string[] = [];
  let compilersCreated = 0;
  let warmUps = 0;
  const compiler = new PrecompiledCompiler({
    createCompiler: () => {
      compilersCreated++;
      return {
        warmUp: async () => (warmUps++, 7),
        compile: async (code) => (compiledCodes.push(code), compiled),
      };
    },
    fetch: async (url) => {
      fetched.push(url);
      if (!(url in files)) return new Response('Not found', { status: 404 });
      const body = files[url];
      return new Response(typeof body === 'string' ? body : JSON.stringify(body));
    },
  });
  compiler.register('example A', '/compiled/a.json');
  return {
    compiler,
    fetched,
    compiledCodes,
    counts: () => ({ compilersCreated, warmUps }),
  };
}

describe('PrecompiledCompiler', () => {
  it('answers an unedited example from the build without starting the compiler', async () => {
    const { compiler, fetched, counts } = setup();
    expect(await compiler.compile('example A')).toEqual(built);
    expect(fetched).toEqual(['/compiled/a.json']);
    expect(counts().compilersCreated).toBe(0);
    expect(compiler.compilerStarted).toBe(false);
  });

  it('compiles edited code with the real compiler, started on first need', async () => {
    const { compiler, fetched, compiledCodes, counts } = setup();
    expect(await compiler.compile('example A, edited')).toEqual(compiled);
    expect(fetched).toEqual([]);
    expect(compiledCodes).toEqual(['example A, edited']);
    expect(counts().compilersCreated).toBe(1);
  });

  it('starts the compiler on warmUp (the reader began editing), only once', async () => {
    const { compiler, counts } = setup();
    expect(await compiler.warmUp()).toBe(7);
    await compiler.compile('edited');
    expect(counts()).toEqual({ compilersCreated: 1, warmUps: 1 });
  });

  it('shares one request between a prefetch and the Run, and caches the result', async () => {
    const { compiler, fetched } = setup();
    compiler.prefetch('example A');
    await compiler.compile('example A');
    await compiler.compile('example A');
    expect(fetched).toEqual(['/compiled/a.json']);
  });

  it('falls back to the compiler when the file is missing, and tries the file again next time', async () => {
    const { compiler, fetched, compiledCodes } = setup({});
    expect(await compiler.compile('example A')).toEqual(compiled);
    expect(compiledCodes).toEqual(['example A']);
    compiler.prefetch('example A');
    await Promise.resolve();
    expect(fetched).toEqual(['/compiled/a.json', '/compiled/a.json']);
  });

  it('never hands a damaged file to the sandbox', async () => {
    for (const damaged of ['{not json', { ok: true, js: 42 }, { ok: false }, null]) {
      const { compiler } = setup({ '/compiled/a.json': damaged });
      expect(await compiler.compile('example A')).toEqual(compiled);
    }
  });

  it('knows which code it can run without the compiler', () => {
    const { compiler } = setup();
    expect(compiler.has('example A')).toBe(true);
    expect(compiler.has('example B')).toBe(false);
  });
});

describe('isCompileResult', () => {
  it('accepts both shapes compileExample returns', () => {
    expect(isCompileResult(built)).toBe(true);
    const diagnostic = { message: 'x', line: 1, column: 1, length: 1, severity: 'error' };
    expect(isCompileResult({ ok: false, diagnostics: [diagnostic] })).toBe(true);
    expect(isCompileResult({ ok: false, diagnostics: [{ ...diagnostic, line: '1' }] })).toBe(false);
  });
});
