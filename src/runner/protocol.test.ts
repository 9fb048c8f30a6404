import { describe, expect, it } from 'vitest';
import { isMessage, type FromSandbox, type ToSandbox } from './protocol.ts';
import { serialize } from './serialize.ts';

describe('message protocol', () => {
  it('recognises only the message types it is asked for', () => {
    const types = ['console', 'finished'] as const;
    expect(isMessage<FromSandbox>({ type: 'finished', time: 1, failed: false }, types)).toBe(true);
    expect(isMessage<FromSandbox>({ type: 'ready' }, types)).toBe(false);
    expect(isMessage<FromSandbox>('finished', types)).toBe(false);
    expect(isMessage<FromSandbox>(null, types)).toBe(false);
    expect(isMessage<FromSandbox>({ type: 42 }, types)).toBe(false);
  });

  it('carries every message kind through structured cloning unchanged', () => {
    const messages: (FromSandbox | ToSandbox)[] = [
      {
        type: 'run',
        js: 'console.log(1)',
        sourceMap: '{}',
        settings: { scenario: 'slow', seed: 7 },
      },
      { type: 'ready' },
      { type: 'started', time: 0 },
      {
        type: 'console',
        method: 'table',
        source: 'code',
        args: [serialize([{ a: new Map([[1, new Set([new Error('x')])]]) }])],
        depth: 1,
        time: 3.5,
      },
      {
        type: 'network',
        event: {
          kind: 'request',
          id: 1,
          time: 1,
          method: 'GET',
          url: 'https://api.example.com/',
          headers: [],
          body: null,
        },
      },
      {
        type: 'network',
        event: {
          kind: 'aborted',
          id: 1,
          time: 2,
          reason: 'TimeoutError',
          message: 'signal timed out',
        },
      },
      {
        type: 'error',
        error: {
          name: 'TypeError',
          message: 'Failed to fetch',
          position: { line: 1, column: 7 },
          kind: 'uncaught',
        },
        time: 4,
      },
      { type: 'output-dropped', lines: 12 },
      { type: 'finished', time: 5, failed: true },
    ];
    for (const message of messages) expect(structuredClone(message)).toEqual(message);
  });
});
