import { describe, expect, it } from 'vitest';
import { connectionAllowsPrefetch } from './connection.ts';

describe('connectionAllowsPrefetch', () => {
  it('allows downloads ahead on an ordinary connection, or when the browser says nothing', () => {
    expect(connectionAllowsPrefetch({ effectiveType: '4g' })).toBe(true);
    expect(connectionAllowsPrefetch({ effectiveType: '3g', type: 'wifi' })).toBe(true);
    expect(connectionAllowsPrefetch({})).toBe(true);
  });

  it('refuses them when the reader asks to save data, on 2G, and on cellular', () => {
    expect(connectionAllowsPrefetch({ saveData: true, effectiveType: '4g' })).toBe(false);
    expect(connectionAllowsPrefetch({ effectiveType: '2g' })).toBe(false);
    expect(connectionAllowsPrefetch({ effectiveType: 'slow-2g' })).toBe(false);
    expect(connectionAllowsPrefetch({ effectiveType: '4g', type: 'cellular' })).toBe(false);
  });
});
