import type { Code, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMeta, remarkLiveExamples } from './remark-live-examples.ts';

function fence(lang: string, meta: string | null, value = "console.log('hi');"): Code {
  return { type: 'code', lang, meta, value };
}

function transform(root: Root): Root {
  remarkLiveExamples()(root);
  return root;
}

describe('runnable fences', () => {
  it('parses quoted and bare meta values', () => {
    expect(parseMeta(`run title="Give up after 500 ms" scenario='slow' timeout=5000`)).toEqual({
      title: 'Give up after 500 ms',
      scenario: 'slow',
      timeout: '5000',
    });
  });

  it('wraps a ts run fence in LiveExample and keeps the fence inside for Expressive Code', () => {
    const code = fence('ts', 'run title="First" scenario="slow" timeout=5000', 'const a = "<b>";');
    const root = transform({ type: 'root', children: [code] });
    const wrapper = root.children[0] as unknown as {
      name: string;
      attributes: { name: string; value: string }[];
      children: Code[];
    };
    expect(wrapper.name).toBe('LiveExample');
    expect(Object.fromEntries(wrapper.attributes.map((a) => [a.name, a.value]))).toEqual({
      title: 'First',
      code: 'const a = "<b>";',
      scenario: 'slow',
      timeout: '5000',
    });
    expect(wrapper.children).toEqual([code]);
  });

  it('finds fences nested in other elements and leaves other fences alone', () => {
    const runnable = fence('typescript', 'run title="Nested"');
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

  it('gives an untitled runnable fence a generic title', () => {
    const root = transform({ type: 'root', children: [fence('ts', 'run')] });
    const wrapper = root.children[0] as unknown as {
      attributes: { name: string; value: string }[];
    };
    expect(wrapper.attributes.find((a) => a.name === 'title')?.value).toBe('Example');
  });
});
