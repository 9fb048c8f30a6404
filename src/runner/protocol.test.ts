import { describe, expect, it } from 'vitest';
import { isMessage, type FromSandbox } from './protocol.ts';

describe('message protocol', () => {
  it('recognises only the message types it is asked for', () => {
    const types = ['console', 'finished'] as const;
    expect(isMessage<FromSandbox>({ type: 'finished', time: 1, failed: false }, types)).toBe(true);
    expect(isMessage<FromSandbox>({ type: 'ready' }, types)).toBe(false);
    expect(isMessage<FromSandbox>('finished', types)).toBe(false);
    expect(isMessage<FromSandbox>(null, types)).toBe(false);
    expect(isMessage<FromSandbox>({ type: 42 }, types)).toBe(false);
  });
});
