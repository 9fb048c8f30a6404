import { describe, expect, it } from 'vitest';
import { sizeUpTo } from './host-guard.ts';

describe('sizeUpTo', () => {
  it('counts characters of strings and keys plus one per value', () => {
    expect(sizeUpTo('abc', 100)).toBe(4);
    expect(sizeUpTo({ ab: ['x', 1] }, 100)).toBe(1 + 2 + 1 + 2 + 1);
  });

  it('stops counting just past the limit, however large the value', () => {
    const huge = new Array<string>(1_000_000).fill('x'.repeat(100));
    const size = sizeUpTo(huge, 1_000);
    expect(size).toBeGreaterThan(1_000);
    expect(size).toBeLessThan(1_200);
  });
});
