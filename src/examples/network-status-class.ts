/**
 * The colour class of a Network table status cell, by HTTP status class. Colour is a second signal
 * only: the cell's text ("404 Not Found", "failed") says the same thing without it.
 */
import type { NetworkRow } from './network-model';

export type StatusClass =
  'status-pending' | 'status-2xx' | 'status-3xx' | 'status-4xx' | 'status-5xx' | 'status-failed';

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
      const status = row.status ?? 0;
      if (status >= 500) return 'status-5xx';
      if (status >= 400) return 'status-4xx';
      if (status >= 300) return 'status-3xx';
      if (status >= 200) return 'status-2xx';
      // 1xx never reaches fetch and 0 is an opaque response: neither is a success to colour green.
      return 'status-failed';
    }
    default: {
      const unknownState: never = row.state;
      throw new Error(`Unknown network row state "${String(unknownState)}".`);
    }
  }
}
