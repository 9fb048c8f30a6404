import type { Code, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseFenceMeta as parseMeta } from '../schemas/example.ts';
import { HELPERS_REGION_START } from './example-helpers.ts';
import { precompiledPath } from './precompiled-examples.ts';
import { remarkLiveExamples } from './remark-live-examples.ts';

function fence(lang: string, meta: string | null, value = "console.log('hi');"): Code {
  return { type: 'code', lang, meta, value };
}

function transform(root: Root): Root {
  remarkLiveExamples()(root, { path: '/site/lessons/02-timeouts/index.mdx' });
  return root;
}

describe('runnable fences', () => {
  it('parses quoted values, bare values and bare flags, the same for the build and the lesson check', () => {
    expect(
      parseMeta(`run title="Give up after 500 ms" scenario='slow' timeout=5000 norun`),
    ).toEqual({
      run: true,
      title: 'Give up after 500 ms',
      scenario: 'slow',
      timeout: '5000',
      norun: true,
    });
  });

  it('wraps a ts run fence in LiveExample and keeps the fence inside for Expressive Code', () => {
    const code = fence(
      'ts',
      'run id="first" title="First" scenario="slow" timeout=5000',
      'const a = "<b>";',
    );
    const root = transform({ type: 'root', children: [code] });
    const wrapper = root.children[0] as unknown as {
      name: string;
      attributes: { name: string; value: string }[];
      children: Code[];
    };
    expect(wrapper.name).toBe('LiveExample');
    expect(Object.fromEntries(wrapper.attributes.map((a) => [a.name, a.value]))).toEqual({
      id: 'first',
      title: 'First',
      code: 'const a = "<b>";',
      scenario: 'slow',
      timeout: '5000',
      clock: 'real',
      // The build writes the compiled output there, named by the source's SHA-256.
      compiled: '/compiled/46edda54c4c614e5df7a5c55023215d46bd6c3dabf31e8f96f8d4da11007f73d.json',
    });
    expect(wrapper.children).toEqual([code]);
  });

  it('finds fences nested in other elements and leaves other fences alone', () => {
    const runnable = fence('typescript', 'run id="nested" title="Nested"');
    const plain = fence('ts', 'title="Not runnable"');
    const python = fence('python', 'run title="Python"');
    const output = fence('text', 'output');
    const root = transform({
      type: 'root',
      children: [{ type: 'blockquote', children: [runnable] }, plain, python, output],
    });
    const quote = root.children[0] as unknown as { children: { name?: string }[] };
    expect(quote.children[0]!.name).toBe('LiveExample');
    expect(root.children.slice(1)).toEqual([plain, python, output]);
  });

  it('stops the build on a bad option, naming the lesson, the line, the option and the fix', () => {
    const at = (meta: string) => {
      const code = {
        ...fence('ts', meta),
        position: { start: { line: 40, column: 1 }, end: { line: 42, column: 1 } },
      };
      return () => transform({ type: 'root', children: [code as Code] });
    };
    expect(at('run title="No id"')).toThrow(
      /^lessons\/02-timeouts\/index\.mdx line 40: .*option `id`.*Add id="some-kebab-case-name"/,
    );
    expect(at('run id="x" title="Bad" scenario="sloow"')).toThrow(/line 40: .*option `scenario`/);
    expect(at('run id="x" title="Bad" timeout=fast')).toThrow(/option `timeout`/);
    expect(at('run id="Not Kebab" title="Bad"')).toThrow(/option `id`: must be kebab-case/);
    expect(at('run id="x" title="Bad" colour=red')).toThrow(/colour/);
  });

  it('refuses two examples with one id in a lesson', () => {
    expect(() =>
      transform({
        type: 'root',
        children: [
          fence('ts', 'run id="same" title="One"'),
          fence('ts', 'run id="same" title="Two"'),
        ],
      }),
    ).toThrow(/the id "same" is used twice/);
  });
});

describe('helpers blocks (uses=)', () => {
  const helpers = fence(
    'ts',
    'helpers id="shared" title="Shared helpers"',
    'function double(n: number): number {\n  return n * 2;\n}\nconst LIMIT = 3;',
  );

  it('runs the helpers before the example, folded in a region, and shows one line for them', () => {
    const example = fence(
      'ts',
      'run id="uses-it" title="Uses it" uses="shared"',
      'console.log(double(LIMIT));',
    );
    const root = transform({ type: 'root', children: [helpers, example] });
    // The helpers block stays a plain code block, shown once.
    expect(root.children[0]).toEqual(helpers);
    const wrapper = root.children[1] as unknown as {
      attributes: { name: string; value: string }[];
      children: Code[];
    };
    const attributes = Object.fromEntries(wrapper.attributes.map((a) => [a.name, a.value]));
    expect(attributes.code).toBe(
      [
        '// #region helpers from above: "Shared helpers"',
        'function double(n: number): number {\n  return n * 2;\n}\nconst LIMIT = 3;',
        '// #endregion',
        '',
        'console.log(double(LIMIT));',
      ].join('\n'),
    );
    expect(attributes.code!.startsWith(HELPERS_REGION_START)).toBe(true);
    // What is precompiled is what runs.
    expect(attributes.compiled).toBe(precompiledPath(attributes.code!));
    expect(wrapper.children[0]!.value).toBe(
      '// Helpers from above ("Shared helpers"), folded: double, LIMIT\n\nconsole.log(double(LIMIT));',
    );
  });

  it('stops the build when uses= names no helpers block above, naming the fix', () => {
    const example = fence('ts', 'run id="early" title="Too early" uses="shared"');
    expect(() => transform({ type: 'root', children: [example, helpers] })).toThrow(
      /uses="shared" names no helpers block above it.*```ts helpers id="shared"/,
    );
    expect(() =>
      transform({ type: 'root', children: [fence('ts', 'helpers title="No id"')] }),
    ).toThrow(/helpers block's option `id`/);
  });
});
