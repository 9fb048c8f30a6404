/**
 * Turns the sandbox's network events into the rows of the Network table: one row per request, updated
 * as its response, failure or abort arrives. Pure data, so it is tested without a browser.
 */
import {
  headerValue,
  type CapturedBody,
  type HeaderList,
  type NetworkEvent,
} from '../runner/protocol';

/**
 * `unanswered`: the run ended (finished, waiting forever, stopped, timed out) while the request was
 * still open, so no answer can come any more: it is no longer "pending".
 */
export type RowState = 'pending' | 'done' | 'failed' | 'aborted' | 'timed-out' | 'unanswered';

export interface NetworkRow {
  id: number;
  method: string;
  /** The full URL as requested. */
  url: string;
  /** What the table shows: path and query, with the host when it is not the course API. */
  label: string;
  /**
   * Which try of one logical call this request is: 1, or one more than the request just before it
   * when this one repeats it (see `isRetryOf`). Separate calls to the same URL each start at 1.
   */
  attempt: number;
  state: RowState;
  /** "200 OK", "failed", "aborted", "timed out", "still open". */
  statusLabel: string;
  status: number | null;
  /** Why a request failed or was aborted, in words. */
  reason: string | null;
  /** It failed because the sandbox refused its host (only the mock API is reachable). */
  blocked: boolean;
  startedAt: number;
  durationMs: number | null;
  requestHeaders: HeaderList;
  requestBody: CapturedBody | null;
  responseHeaders: HeaderList;
  responseBody: CapturedBody | null;
}

const defaultHost = 'api.example.com';

export function labelFor(url: string): string {
  try {
    const parsed = new URL(url);
    const path = `${parsed.pathname}${parsed.search}`;
    return parsed.host === defaultHost ? path : `${parsed.host}${path}`;
  } catch {
    return url;
  }
}

const idempotencyKey = (headers: HeaderList) => headerValue(headers, 'idempotency-key');

/** A response that no retry loop would repeat: a 1xx–3xx status. 4xx and 5xx may be retried. */
const succeeded = (row: NetworkRow) => row.state === 'done' && (row.status ?? 0) < 400;

/**
 * A request is a retry of `previous` (the request just before it in the run, with no other request
 * between) when it sends the same method, URL, body and Idempotency-Key, starts after `previous`
 * ended, and `previous` did not succeed. This is what a reader means by "attempt 2": the same call
 * made again because the first try failed. Two separate calls to one URL (a second POST, a new
 * Idempotency-Key, parallel requests, a request after a success) each count from 1.
 */
function isRetryOf(
  previous: NetworkRow | undefined,
  event: Extract<NetworkEvent, { kind: 'request' }>,
): boolean {
  return (
    previous !== undefined &&
    previous.state !== 'pending' &&
    !succeeded(previous) &&
    previous.method === event.method &&
    previous.url === event.url &&
    (previous.requestBody?.text ?? null) === (event.body?.text ?? null) &&
    idempotencyKey(previous.requestHeaders) === idempotencyKey(event.headers)
  );
}

/** How a run ended, for the requests it left open. */
export type RunEnd = 'finished' | 'waiting-forever' | 'stopped' | 'timed-out' | 'crashed';

const openAtEndReason: Record<RunEnd, string> = {
  finished: 'The program finished without waiting for this request.',
  'waiting-forever':
    'The run ended waiting forever: nothing could ever answer this request, and the program was still waiting for it.',
  stopped: 'The run was stopped before this request got an answer.',
  'timed-out': 'The run hit its time limit before this request got an answer.',
  crashed: 'The run broke off before this request got an answer.',
};

export class NetworkModel {
  readonly rows: NetworkRow[] = [];
  private byId = new Map<number, NetworkRow>();

  /** Applies one event and returns the row it created or changed. */
  apply(event: NetworkEvent): NetworkRow | undefined {
    if (event.kind === 'request') {
      const previous = this.rows.at(-1);
      const attempt = previous && isRetryOf(previous, event) ? previous.attempt + 1 : 1;
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
        blocked: false,
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
    if (!row || row.state === 'unanswered') return undefined;
    row.durationMs = Math.max(0, Math.round(event.time - row.startedAt));
    switch (event.kind) {
      case 'response':
        row.state = 'done';
        row.status = event.status;
        row.statusLabel = `${event.status} ${event.statusText}`.trim();
        row.responseHeaders = event.headers;
        row.responseBody = event.body;
        row.reason = event.note ?? null;
        break;
      case 'failed':
        row.state = 'failed';
        row.statusLabel = 'failed';
        row.reason = event.reason;
        row.blocked = event.blocked === true;
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

  /**
   * The run ended: requests still open will never be answered. They say so ("still open") instead of
   * "pending". Returns the rows it changed.
   */
  endRun(how: RunEnd, time: number | null = null): NetworkRow[] {
    const open = this.rows.filter((row) => row.state === 'pending');
    for (const row of open) {
      row.state = 'unanswered';
      row.statusLabel = 'still open';
      row.reason = openAtEndReason[how];
      if (time !== null) row.durationMs = Math.max(0, Math.round(time - row.startedAt));
    }
    return open;
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
