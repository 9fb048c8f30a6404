import { describe, expect, it } from 'vitest';
import { SourceMapLookup, positionFromStack } from './source-map.ts';

const map = (mappings: string, sources = ['example.ts']) =>
  JSON.stringify({ version: 3, sources, names: [], mappings });

describe('source maps', () => {
  it('picks the segment at or before the column, and null for unmapped lines', () => {
    // Line 2: col 0 → line 1 col 0; col 4 → line 3 col 2.
    const lookup = new SourceMapLookup(map(';AAAA,IAEE'));
    expect(lookup.originalPosition(1, 1)).toBeNull();
    expect(lookup.originalPosition(2, 3)).toEqual({ line: 1, column: 1 });
    expect(lookup.originalPosition(2, 9)).toEqual({ line: 3, column: 3 });
  });

  it('ignores mappings into another source than the reader’s file', () => {
    // Two sources: segment 1 maps into source 0 (a helper), segment 2 into source 1 (example.ts).
    const lookup = new SourceMapLookup(map('AAAA,ICAE', ['helper.ts', 'example.ts']));
    expect(lookup.originalPosition(1, 1)).toBeNull();
    expect(lookup.originalPosition(1, 5)).toEqual({ line: 1, column: 3 });
  });

  it('reads only frames from the learner module', () => {
    const lookup = new SourceMapLookup(map('AAAA;AACA;AACA'));
    const stack = [
      'TypeError: Failed to fetch',
      '    at fetch (http://127.0.0.1/_astro/sandbox-worker.js:1:200)',
      '    at async blob:http://127.0.0.1/abc:3:1',
    ].join('\n');
    expect(positionFromStack(stack, 'blob:http://127.0.0.1/abc', lookup)).toEqual({
      line: 3,
      column: 1,
    });
    expect(positionFromStack(stack, 'blob:http://127.0.0.1/other', lookup)).toBeNull();
  });

  it('copes with a map it cannot read', () => {
    expect(new SourceMapLookup('{not json').originalPosition(1, 1)).toBeNull();
  });
});
