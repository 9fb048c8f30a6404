import { describe, expect, it } from 'vitest';
import { SourceMapLookup, decodeMappings, positionFromStack } from './source-map.ts';

describe('source map decoding', () => {
  it('decodes VLQ segments relative to the previous ones', () => {
    // Line 1: col 0 → src line 0 col 0; col 4 → src line 2 col 2.  Line 2: col 0 → src line 3 col 0.
    const lines = decodeMappings('AAAA,IAEE;AACF');
    expect(lines).toEqual([
      [
        { generatedColumn: 0, originalLine: 0, originalColumn: 0 },
        { generatedColumn: 4, originalLine: 2, originalColumn: 2 },
      ],
      [{ generatedColumn: 0, originalLine: 3, originalColumn: 0 }],
    ]);
  });

  it('picks the last segment at or before the column, and null for unmapped lines', () => {
    const lookup = new SourceMapLookup(JSON.stringify({ mappings: ';AAAA,IAEE' }));
    expect(lookup.originalPosition(1, 1)).toBeNull();
    expect(lookup.originalPosition(2, 3)).toEqual({ line: 1, column: 1 });
    expect(lookup.originalPosition(2, 9)).toEqual({ line: 3, column: 3 });
  });

  it('reads only frames from the learner module', () => {
    const lookup = new SourceMapLookup(JSON.stringify({ mappings: 'AAAA;AACA;AACA' }));
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
});
