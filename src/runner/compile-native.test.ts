/**
 * The build may compile lesson examples with native esbuild and ship the output for their first Run,
 * instead of esbuild-wasm in the browser. That is only sound if both compilers, given the same
 * `compileExample` options, emit the same module: this proves it, byte for byte, for every runnable
 * TypeScript example of every lesson.
 */
import * as nativeEsbuild from 'esbuild';
import * as wasmEsbuild from 'esbuild-wasm';
import { describe, expect, it } from 'vitest';
import { lessonFolders, readLesson } from '../../scripts/check-lessons-extract.ts';
import { compileExample } from './compile.ts';

const examples = lessonFolders()
  .flatMap((folder) => readLesson(folder).examples)
  .filter((example) => example.kind === 'ts');

describe('native esbuild and esbuild-wasm compile lesson examples identically', () => {
  it('runs the same esbuild version in both', () => {
    expect(nativeEsbuild.version).toBe(wasmEsbuild.version);
  });

  it('finds the lessons’ runnable examples', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.each(examples.map((example) => [`${example.lesson}: ${example.title}`, example] as const))(
    '%s',
    async (_name, example) => {
      const [native, wasm] = await Promise.all([
        compileExample(nativeEsbuild, example.code),
        compileExample(wasmEsbuild, example.code),
      ]);
      expect(native.ok, JSON.stringify(native)).toBe(true);
      expect(native).toEqual(wasm);
    },
    30_000,
  );
});
