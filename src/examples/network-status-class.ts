/**
 * The colour class of a Network table status cell, by HTTP status class. Colour is a second signal
 * only: the cell's text ("404 Not Found", "failed") says the same thing without it.
 */
import type { NetworkRow } from './network-model';

export type StatusClass =
  'status-pending' | 'status-2xx' | 'status-3xx' | 'status-4xx' | 'status-5xx' | 'status-failed';

/** The class of an HTTP status: 1xx–5xx (0, an opaque response, counts with 1xx: neither is an answer). */
export function httpStatusClass(status: number): '1xx' | '2xx' | '3xx' | '4xx' | '5xx' {
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  if (status >= 200) return '2xx';
  return '1xx';
}

export function statusClass(row: Pick<NetworkRow, 'state' | 'status'>): StatusClass {
  switch (row.state) {
    case 'pending':
    case 'unanswered':
      return 'status-pending';
    case 'failed':
    case 'aborted':
    case 'timed-out':
      return 'status-failed';
    case 'done': {
      const kind = httpStatusClass(row.status ?? 0);
      // 1xx never reaches fetch and 0 is an opaque response: neither is a success to colour green.
      return kind === '1xx' ? 'status-failed' : `status-${kind}`;
    }
    default: {
      const unknownState: never = row.state;
      throw new Error(`Unknown network row state "${String(unknownState)}".`);
    }
  }
}
