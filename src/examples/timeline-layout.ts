/**
 * Where everything goes on a run's timeline: one lane per request, bars from start to end on the
 * run's clock, the waits between attempts of one call (labelled with the Retry-After that asked for
 * them, or as a backoff), deadlines where a timeout fired, console lines as ticks, and what a check
 * expected a wait to be. Pure data from the run record alone, so it is unit-tested without a page and
 * drawn the same for a live example and a check's result.
 */
import { assertNever } from '../runner/assert-never.ts';
import type { ExpectedWait } from '../runner/check-contract.ts';
import { headerValue } from '../runner/protocol.ts';
import type { NetworkEntry } from '../runner/run-record.ts';
import { labelFor, type NetworkRow } from './network-model.ts';
import { httpStatusClass } from './network-status-class.ts';

export type { ExpectedWait };

/** How a request ended, for its colour and its name: answered by status class, or not answered. */
export type BarOutcome =
  | '1xx'
  | '2xx'
  | '3xx'
  | '4xx'
  | '5xx'
  | 'failed'
  | 'blocked'
  | 'timed-out'
  | 'aborted'
  | 'open'
  | 'pending';

/** One request as the timeline reads it (from a Network row or a run record's network entry). */
export interface TimelineRequest {
  id: number;
  method: string;
  /** Path and query (with the host when it is not the course API). */
  label: string;
  /** Same method and URL (and body) as another request: what makes a retry a retry. */
  callKey: string;
  startMs: number;
  /** Null while pending, or when the run ended before an answer. */
  endMs: number | null;
  outcome: BarOutcome;
  /** What the Network table's Status column says: "429 Too Many Requests", "timed out". */
  statusText: string;
  /** The response's Retry-After header, as sent. */
  retryAfter: string | null;
}

export interface TimelineInput {
  requests: TimelineRequest[];
  /** When each console line was written, on the run's clock. */
  consoleMs: number[];
  /** When the run ended on its clock; null while it runs (the axis then ends at the latest event). */
  endMs: number | null;
  expected?: ExpectedWait[];
}

export interface TimelineBar {
  id: number;
  lane: number;
  /** Index of the call (the group of attempts) this request belongs to. */
  call: number;
  attempt: number;
  startMs: number;
  /** Where the bar is drawn to: its end, or the end of the axis for a request still open. */
  drawnEndMs: number;
  /** False when the request never ended (still open, or pending). */
  ended: boolean;
  outcome: BarOutcome;
  /** The bar's accessible name: the request, its outcome, its start and end, the wait before it. */
  name: string;
  /** What the Network row shows, for the tooltip. */
  summary: string;
}

export interface TimelineGap {
  lane: number;
  fromMs: number;
  toMs: number;
  /** "waited 2.0 s · Retry-After: 2", "waited 0.4 s · backoff". */
  label: string;
  expected: (ExpectedWait & { met: boolean }) | null;
}

export interface TimelineDeadline {
  lane: number;
  atMs: number;
}

export interface TimelineTick {
  ms: number;
  label: string;
}

export interface TimelineLayout {
  /** The axis runs from 0 to spanMs (never 0, so positions can divide by it). */
  spanMs: number;
  /** How long the run took on its clock, or so far. */
  durationMs: number;
  ticks: TimelineTick[];
  bars: TimelineBar[];
  gaps: TimelineGap[];
  deadlines: TimelineDeadline[];
  /** Console lines' times, one entry per distinct millisecond. */
  consoleMs: number[];
  /** Requests left out past MAX_BARS. */
  hiddenRequests: number;
}

/** Lanes drawn at most: beyond that a timeline is no longer read bar by bar (the table has them all). */
export const MAX_BARS = 1_000;
/** Console ticks drawn at most. */
const MAX_CONSOLE_TICKS = 500;

const answered = (outcome: BarOutcome) => /^[1-5]xx$/.test(outcome);
/** An outcome no retry loop repeats: 1xx–3xx. */
const succeeded = (outcome: BarOutcome) =>
  outcome === '1xx' || outcome === '2xx' || outcome === '3xx';

/** "17 ms", "1.25 s", "12.5 s": short enough for a label, exact enough to compare waits. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
}

/** The colour class of a status, as the Network table's Status column uses it. */
const outcomeWords: Record<BarOutcome, string> = {
  '1xx': 'informational',
  '2xx': 'success',
  '3xx': 'redirect',
  '4xx': 'client error',
  '5xx': 'server error',
  failed: 'failed',
  blocked: 'blocked',
  'timed-out': 'timed out',
  aborted: 'aborted',
  open: 'still open when the run ended',
  pending: 'pending',
};

/** Axis ticks at 1, 2 or 5 × 10ⁿ ms apart, at most about six of them. */
function ticksFor(spanMs: number): TimelineTick[] {
  const rough = spanMs / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((size) => size >= rough) ?? power;
  const ticks: TimelineTick[] = [];
  for (let ms = 0; ms <= spanMs + 1e-9; ms += step) {
    ticks.push({ ms, label: ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(2))} s` });
  }
  return ticks;
}

/** The whole number of seconds or the date a Retry-After asks for, in words for a label. */
function retryAfterWords(header: string | null): string | null {
  if (header === null) return null;
  const value = header.trim();
  return value === ''
    ? null
    : `Retry-After: ${value.length > 40 ? `${value.slice(0, 40)}…` : value}`;
}

export function layoutTimeline(input: TimelineInput): TimelineLayout {
  const requests = input.requests.slice(0, MAX_BARS);
  const latest = Math.max(
    0,
    input.endMs ?? 0,
    ...requests.map((request) => Math.max(request.startMs, request.endMs ?? 0)),
    ...input.consoleMs.slice(0, MAX_CONSOLE_TICKS),
  );
  const runEnd = input.endMs ?? latest;
  let spanMs = Math.max(latest, 1);

  const bars: TimelineBar[] = [];
  const gaps: TimelineGap[] = [];
  const deadlines: TimelineDeadline[] = [];
  let call = -1;
  let attempt = 0;
  requests.forEach((request, lane) => {
    const previous = requests[lane - 1];
    // A retry: the same call again, right after the previous try ended without success.
    const retry =
      previous !== undefined &&
      previous.callKey === request.callKey &&
      previous.endMs !== null &&
      previous.endMs <= request.startMs &&
      !succeeded(previous.outcome);
    if (retry) attempt += 1;
    else {
      call += 1;
      attempt = 1;
    }
    const ended = request.endMs !== null;
    const drawnEndMs = Math.max(request.startMs, request.endMs ?? runEnd);
    let waitWords = '';
    if (retry && previous?.endMs != null) {
      const waited = request.startMs - previous.endMs;
      const why = retryAfterWords(previous.retryAfter) ?? 'backoff';
      const expected = input.expected?.find((wait) => wait.attempt === attempt) ?? null;
      const met =
        expected !== null &&
        waited >= expected.minMs &&
        (expected.maxMs === undefined || waited <= expected.maxMs);
      let label = `waited ${formatMs(waited)} · ${why}`;
      if (expected && !met) label += ` · expected ${expectedWords(expected)}`;
      gaps.push({
        lane,
        fromMs: previous.endMs,
        toMs: request.startMs,
        label,
        expected: expected ? { ...expected, met } : null,
      });
      waitWords = `, after ${label}`;
    }
    if (request.outcome === 'timed-out' && request.endMs !== null) {
      deadlines.push({ lane, atMs: request.endMs });
    }
    const timing = ended
      ? `from ${formatMs(request.startMs)} to ${formatMs(drawnEndMs)}`
      : `from ${formatMs(request.startMs)}, no end`;
    const outcome = answered(request.outcome)
      ? `${request.statusText} (${outcomeWords[request.outcome]})`
      : outcomeWords[request.outcome];
    bars.push({
      id: request.id,
      lane,
      call,
      attempt,
      startMs: request.startMs,
      drawnEndMs,
      ended,
      outcome: request.outcome,
      name: `${request.method} ${request.label}, attempt ${attempt}, ${outcome}, ${timing}${waitWords}`,
      summary: [
        `${request.method} ${request.label}`,
        request.statusText,
        ended ? formatMs(drawnEndMs - request.startMs) : 'no end',
        `attempt ${attempt}`,
      ].join(' · '),
    });
  });

  // The waits a check expected stay on the axis even when the code waited far less.
  for (const gap of gaps) {
    if (gap.expected) {
      spanMs = Math.max(spanMs, gap.fromMs + (gap.expected.maxMs ?? gap.expected.minMs));
    }
  }
  return {
    spanMs,
    durationMs: latest,
    ticks: ticksFor(spanMs),
    bars,
    gaps,
    deadlines,
    // Ticks closer than a 500th of the axis would draw on one another: one stands for them.
    consoleMs: [
      ...new Set(input.consoleMs.map((ms) => Math.round(ms / (spanMs / 500)) * (spanMs / 500))),
    ]
      .map(Math.round)
      .slice(0, MAX_CONSOLE_TICKS),
    hiddenRequests: input.requests.length - requests.length,
  };
}

function expectedWords(wait: ExpectedWait): string {
  const range =
    wait.maxMs === undefined
      ? `at least ${formatMs(wait.minMs)}`
      : `${formatMs(wait.minMs)} to ${formatMs(wait.maxMs)}`;
  return `${range} (${wait.reason})`;
}

/** Requests from the Network table's rows (a live example's run, as it goes). */
export function requestsFromRows(rows: readonly NetworkRow[]): TimelineRequest[] {
  return rows.map((row) => ({
    id: row.id,
    method: row.method,
    label: row.label,
    callKey: [
      row.method,
      row.url,
      row.requestBody?.text ?? '',
      headerValue(row.requestHeaders, 'idempotency-key') ?? '',
    ].join('\n'),
    startMs: row.startedAt,
    endMs:
      row.state === 'pending' || row.state === 'unanswered' || row.durationMs === null
        ? null
        : row.startedAt + row.durationMs,
    outcome: rowOutcome(row),
    statusText: row.statusLabel,
    retryAfter: row.state === 'done' ? headerValue(row.responseHeaders, 'retry-after') : null,
  }));
}

function rowOutcome(row: NetworkRow): BarOutcome {
  switch (row.state) {
    case 'done':
      return httpStatusClass(row.status ?? 0);
    case 'failed':
      return row.blocked ? 'blocked' : 'failed';
    case 'unanswered':
      return 'open';
    case 'pending':
    case 'aborted':
    case 'timed-out':
      return row.state;
    default:
      return assertNever(row.state);
  }
}

/** Requests from a run record's network entries (a check's result, the Node host's record). */
export function requestsFromEntries(entries: readonly NetworkEntry[]): TimelineRequest[] {
  return entries.map((entry, index) => ({
    id: index,
    method: entry.method,
    label: labelFor(entry.url),
    callKey: `${entry.method}\n${entry.url}`,
    startMs: entry.startMs,
    endMs: entry.endMs,
    outcome:
      entry.endMs === null
        ? 'open'
        : entry.outcome === 'ok'
          ? httpStatusClass(entry.status ?? 0)
          : entry.outcome,
    statusText:
      entry.endMs === null
        ? 'still open'
        : entry.outcome === 'ok'
          ? String(entry.status)
          : outcomeWords[entry.outcome],
    retryAfter: entry.retryAfter ?? null,
  }));
}
