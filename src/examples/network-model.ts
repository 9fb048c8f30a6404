/**
 * Turns the sandbox's network events into the rows of the Network table: one row per request, updated
 * as its response, failure or abort arrives. Pure data, so it is tested without a browser.
 */
import type { CapturedBody, HeaderList, NetworkEvent } from '../runner/protocol';

export type RowState = 'pending' | 'done' | 'failed' | 'aborted' | 'timed-out';

export interface NetworkRow {
  id: number;
  method: string;
  /** The full URL as requested. */
  url: string;
  /** What the table shows: path and query, with the host when it is not the course API. */
  label: string;
  /** 1 for the first request to this method and URL in the run, 2 for the next, ... */
  attempt: number;
  state: RowState;
  /** "200 OK", "failed", "aborted", "timed out". */
  statusLabel: string;
  status: number | null;
  /** Why a request failed or was aborted, in words. */
  reason: string | null;
  startedAt: number;
  durationMs: number | null;
  requestHeaders: HeaderList;
  requestBody: CapturedBody | null;
  responseHeaders: HeaderList;
  responseBody: CapturedBody | null;
}

const defaultHost = 'api.example.com';

function labelFor(url: string): string {
  try {
    const parsed = new URL(url);
    const path = `${parsed.pathname}${parsed.search}`;
    return parsed.host === defaultHost ? path : `${parsed.host}${path}`;
  } catch {
    return url;
  }
}

export class NetworkModel {
  readonly rows: NetworkRow[] = [];
  private byId = new Map<number, NetworkRow>();

  /** Applies one event and returns the row it created or changed. */
  apply(event: NetworkEvent): NetworkRow | undefined {
    if (event.kind === 'request') {
      const attempt =
        this.rows.filter((row) => row.method === event.method && row.url === event.url).length + 1;
      const row: NetworkRow = {
        id: event.id,
        method: event.method,
        url: event.url,
        label: labelFor(event.url),
        attempt,
        state: 'pending',
        statusLabel: 'pending',
        status: null,
        reason: null,
        startedAt: event.time,
        durationMs: null,
        requestHeaders: event.headers,
        requestBody: event.body,
        responseHeaders: [],
        responseBody: null,
      };
      this.rows.push(row);
      this.byId.set(event.id, row);
      return row;
    }
    const row = this.byId.get(event.id);
    if (!row) return undefined;
    row.durationMs = Math.max(0, Math.round(event.time - row.startedAt));
    switch (event.kind) {
      case 'response':
        row.state = 'done';
        row.status = event.status;
        row.statusLabel = `${event.status} ${event.statusText}`.trim();
        row.responseHeaders = event.headers;
        row.responseBody = event.body;
        break;
      case 'failed':
        row.state = 'failed';
        row.statusLabel = 'failed';
        row.reason = event.reason;
        break;
      case 'aborted': {
        const timedOut = event.reason === 'TimeoutError';
        row.state = timedOut ? 'timed-out' : 'aborted';
        row.statusLabel = timedOut ? 'timed out' : 'aborted';
        row.reason = `${event.reason}: ${event.message}`;
        break;
      }
    }
    return row;
  }

  clear(): void {
    this.rows.length = 0;
    this.byId.clear();
  }
}

/** Pretty-prints JSON bodies; other text is shown as it came. */
export function formatBody(body: CapturedBody | null, contentType: string | undefined): string {
  if (!body) return '(no body)';
  if (body.text === '') return '(empty body)';
  let text = body.text;
  if (contentType?.includes('json') && body.truncated === 0) {
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Malformed JSON is shown as it is: that is the point of /broken-json.
    }
  }
  return body.truncated > 0 ? `${text}\n… ${body.truncated} more characters not shown` : text;
}
