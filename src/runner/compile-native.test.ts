/**
 * The build compiles lesson examples with native esbuild and ships the output for their first Run
 * (src/lib/precompiled-examples.ts), instead of esbuild-wasm in the browser. That is only sound if both
 * compilers, given the same `compileExample` options, emit the same module: this proves it, byte for
 * byte, for every runnable TypeScript example of every lesson, and that these examples are exactly the
 * ones the build's remark plugin finds (so none ships untested).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as nativeEsbuild from 'esbuild';
import * as wasmEsbuild from 'esbuild-wasm';
import type { Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import {
  lessonFolders,
  lessonsRoot,
  readLesson,
} from '../../scripts/lesson-checks/check-lessons-extract.ts';
import { compileToJson } from '../lib/precompiled-examples.ts';
import { remarkLiveExamples } from '../lib/remark-live-examples.ts';
import { compileExample } from './compile.ts';

const examples = lessonFolders()
  .flatMap((folder) => readLesson(folder).examples)
  .filter((example) => example.kind === 'ts');

/** The `code` of every LiveExample the build's remark plugin makes from a lesson's MDX. */
function codesTheBuildCompiles(folder: string): string[] {
  const file = join(lessonsRoot, folder, 'index.mdx');
  const body = readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  const tree = unified().use(remarkParse).use(remarkMdx).parse(body) as Root;
  remarkLiveExamples()(tree, { path: file });
  const codes: string[] = [];
  type Node = { name?: string; attributes?: { name: string; value: string }[]; children?: Node[] };
  const walk = (node: Node) => {
    const python = node.attributes?.some((a) => a.name === 'language' && a.value === 'python');
    if (node.name === 'LiveExample' && !python) {
      codes.push(node.attributes?.find((a) => a.name === 'code')?.value ?? '');
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree as unknown as Node);
  return codes;
}

describe('native esbuild and esbuild-wasm compile lesson examples identically', () => {
  it('runs the same esbuild version in both', () => {
    expect(nativeEsbuild.version).toBe(wasmEsbuild.version);
  });

  it('finds the lessons’ runnable examples', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it('covers exactly the examples the build precompiles', () => {
    const built = lessonFolders().flatMap(codesTheBuildCompiles).sort();
    expect(built).toEqual(examples.map((example) => example.code).sort());
  });

  it.each(examples.map((example) => [`${example.lesson}: ${example.title}`, example] as const))(
    '%s',
    async (_name, example) => {
      const [native, wasm, shipped] = await Promise.all([
        compileExample(nativeEsbuild, example.code),
        compileExample(wasmEsbuild, example.code),
        compileToJson(example.code),
      ]);
      expect(native.ok, JSON.stringify(native)).toBe(true);
      expect(native).toEqual(wasm);
      // What the build writes beside the page is that same result.
      expect(JSON.parse(shipped)).toEqual(wasm);
    },
    30_000,
  );
});
