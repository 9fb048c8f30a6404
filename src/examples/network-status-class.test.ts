import { describe, expect, it } from 'vitest';
import { statusClass } from './network-status-class';

describe('statusClass', () => {
  it.each([
    [200, 'status-2xx'],
    [204, 'status-2xx'],
    [301, 'status-3xx'],
    [304, 'status-3xx'],
    [404, 'status-4xx'],
    [429, 'status-4xx'],
    [500, 'status-5xx'],
    [503, 'status-5xx'],
  ])('colours a %i response as %s', (status, expected) => {
    expect(statusClass({ state: 'done', status })).toBe(expected);
  });

  it('colours failed, aborted and timed-out requests like server errors', () => {
    for (const state of ['failed', 'aborted', 'timed-out'] as const) {
      expect(statusClass({ state, status: null })).toBe('status-failed');
    }
  });

  it('leaves a pending request uncoloured', () => {
    expect(statusClass({ state: 'pending', status: null })).toBe('status-pending');
    expect(statusClass({ state: 'unanswered', status: null })).toBe('status-pending');
  });
});
