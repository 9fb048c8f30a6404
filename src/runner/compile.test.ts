import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild-wasm';
import { describe, expect, it } from 'vitest';
import { RUN_SCOPE_BINDING } from './run-scope-names.ts';
import { compileExample, describeDiagnostic } from './compile.ts';
import { SourceMapLookup, positionFromStack } from './source-map.ts';

describe('compile errors', () => {
  it('reports a syntax error at its line and 1-based column', async () => {
    const result = await compileExample(esbuild, 'const a = 1;\nconst b = ;\nconsole.log(a);\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 2, column: 11, severity: 'error' });
    expect(describeDiagnostic(result.diagnostics[0]!)).toBe('Line 2, column 11: Unexpected ";"');
  });

  it('refuses imports with a message that names the module and the fix', async () => {
    const result = await compileExample(esbuild, "// hi\nimport _ from 'lodash';\nconsole.log(_);");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ line: 2 });
    expect(result.diagnostics[0]!.message).toMatch(/Cannot import "lodash".*Remove the import/);
  });

  it('keeps top-level await and strips types', async () => {
    const result = await compileExample(
      esbuild,
      'interface A { x: number }\nconst a: A = await Promise.resolve({ x: 1 });\nconsole.log(a.x);',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.js).toContain('await Promise.resolve');
    expect(result.js).not.toContain('interface');
  });
});

describe('runtime error lines', () => {
  /** Compiles, runs the module from a file (as the sandbox runs it from a blob) and maps the stack. */
  async function thrownAt(code: string) {
    const result = await compileExample(esbuild, code);
    if (!result.ok) throw new Error(result.diagnostics.map(describeDiagnostic).join('\n'));
    const file = join(mkdtempSync(join(tmpdir(), 'runner-')), 'example.mjs');
    // The sandbox hands the module its run's scope (run-scope-names.ts); here, the test's global.
    writeFileSync(file, `const ${RUN_SCOPE_BINDING} = globalThis; ${result.js}`);
    const url = pathToFileURL(file).href;
    const error = await import(url).then(
      () => null,
      (thrown: Error) => thrown,
    );
    if (!error) throw new Error('expected the example to throw');
    // Vitest runs the import itself and names frames by path; the browser names them by blob URL.
    return positionFromStack(error.stack ?? '', file, new SourceMapLookup(result.sourceMap));
  }

  it('maps a throw below type-only lines back to the TypeScript line', async () => {
    const code = [
      'interface User {',
      '  id: number;',
      '}',
      'type Id = number;',
      'const user: User = { id: 1 };',
      'const id: Id = user.id;',
      "if (id === 1) throw new Error('boom');",
    ].join('\n');
    expect(await thrownAt(code)).toEqual({ line: 7, column: 21 });
  });

  it('maps errors thrown inside functions after await', async () => {
    const code = [
      'type Repo = { stars: number };',
      'async function load(): Promise<Repo> {',
      '  await Promise.resolve();',
      '  const repo = undefined as unknown as Repo;',
      '  return { stars: repo.stars };',
      '}',
      'await load();',
    ].join('\n');
    expect((await thrownAt(code))?.line).toBe(5);
  });

  it('maps a lowered dynamic import past the helpers esbuild adds on top', async () => {
    const code = "const name: string = 'x';\n\nawait import(name);";
    const position = await thrownAt(code);
    expect(position?.line).toBe(3);
  });
});
