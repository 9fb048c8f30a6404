/**
 * The run record: one plain object that says what a run did, reduced from the runner's events on
 * the host side (the page, the Node parent process), where learner code cannot reach it. The live
 * example, the lesson checks, the benchmarks and `npm run sandbox -- --json` all read it. Its JSON
 * form is documented in run-record.schema.json beside this file.
 */
import { assertNever } from './assert-never.ts';
import type { ClockKind } from './clock.ts';
import { describeDiagnostic } from './compile.ts';
import {
  headerValue,
  type CheckInfo,
  type CheckOutcome,
  type ConsoleMethod,
  type RunEvent,
  type SourcePosition,
} from './protocol.ts';
import { formatConsoleLine, formatTable } from './format.ts';

export const RUN_OUTCOMES = [
  'finished',
  'failed',
  'timed-out',
  'stopped',
  'crashed',
  'waiting-forever',
] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export type RequestOutcome = 'ok' | 'failed' | 'aborted' | 'timed-out';

export interface ConsoleEntry {
  /** The console method, or `error` for an uncaught error, `warn` for the sandbox's own notes. */
  level: ConsoleMethod;
  /** The line as the Console shows it (indented two spaces per open console.group). */
  text: string;
}

export interface NetworkEntry {
  method: string;
  url: string;
  /** The response's status; null when there was none (failure, abort, time-out, run ended first). */
  status: number | null;
  outcome: RequestOutcome;
  /** On the run's clock, in ms since the run started. */
  startMs: number;
  endMs: number | null;
  /** 1 for the first request to this method and URL, 2 for the next, ... */
  attempt: number;
  /** Why there was no response, or why the body was not read to its end, in words. */
  reason?: string;
  /** The response's Retry-After header, when it sent one (the timeline labels the wait after it). */
  retryAfter?: string;
}

export interface RunRecordError {
  name: string;
  message: string;
  position: SourcePosition | null;
}

export interface RunRecord {
  /** Null while the run is still going. */
  outcome: RunOutcome | null;
  clock: ClockKind;
  console: ConsoleEntry[];
  network: NetworkEntry[];
  /** The first error: a compile error, or the first uncaught error or rejection. */
  error: RunRecordError | null;
  /** What the outcome means when it is not plain (waiting forever, time limits, a crash). */
  message: string | null;
  /** Real milliseconds from start to end; null until the run ends. */
  realMs: number | null;
  /** Milliseconds on the run's clock (virtual time under the virtual clock). */
  clockMs: number | null;
  /** When judging with an exercise's checks: the checks module's list, when asked for it. */
  checkList?: CheckInfo[];
  /** When judging with an exercise's checks: how the check went. */
  check?: CheckOutcome;
  /**
   * When judging: the learner's module loaded and the check began. A run that ends without it was
   * stuck in the module's top level, which every check runs alike.
   */
  programLoaded?: boolean;
}

export function emptyRunRecord(clock: ClockKind): RunRecord {
  return {
    outcome: null,
    clock,
    console: [],
    network: [],
    error: null,
    message: null,
    realMs: null,
    clockMs: null,
  };
}

/**
 * Builds a run record from the runner's events, in order. The record is changed in place (a run can
 * have thousands of rows: copying on every event would cost the page), and is final once `outcome`
 * is set.
 */
export class RunRecorder {
  readonly record: RunRecord;
  readonly #rows = new Map<number, NetworkEntry>();
  readonly #attempts = new Map<string, number>();

  constructor(clock: ClockKind) {
    this.record = emptyRunRecord(clock);
  }

  apply(event: RunEvent): void {
    const record = this.record;
    switch (event.type) {
      case 'compiling':
      case 'loading-python':
        return;
      case 'started':
        record.clock = event.clock;
        return;
      case 'compile-failed': {
        for (const diagnostic of event.diagnostics) {
          record.console.push({
            level: 'error',
            text: `Compile error: ${describeDiagnostic(diagnostic)}`,
          });
        }
        const first = event.diagnostics[0];
        record.error ??= first
          ? {
              name: 'CompileError',
              message: first.message,
              position: { line: first.line, column: first.column },
            }
          : null;
        this.#end('failed', 0, 0, null);
        return;
      }
      case 'console': {
        const text =
          event.method === 'table'
            ? formatTable(event.args[0] ?? { type: 'undefined' })
            : formatConsoleLine(event.args);
        const indent = '  '.repeat(event.depth);
        record.console.push({
          level: event.method,
          text: text
            .split('\n')
            .map((line) => indent + line)
            .join('\n'),
        });
        record.clockMs = event.time;
        return;
      }
      case 'network':
        this.#network(event.event);
        return;
      case 'error': {
        const { name, message, position } = event.error;
        const prefix =
          event.error.kind === 'unhandled-rejection' ? 'Uncaught (in promise)' : 'Uncaught';
        const head = name === 'Uncaught' ? `${prefix} ${message}` : `${prefix} ${name}: ${message}`;
        record.console.push({ level: 'error', text: head });
        record.error ??= { name, message, position };
        return;
      }
      case 'output-dropped':
        record.console.push({
          level: 'warn',
          text:
            event.lines === null
              ? '… later console output was not shown: output is capped per run.'
              : `… ${event.lines} more console ${event.lines === 1 ? 'call was' : 'calls were'} not shown: output is capped per run.`,
        });
        return;
      case 'finished':
        this.#end(event.failed ? 'failed' : 'finished', event.durationMs, event.clockMs, null);
        return;
      case 'waiting-forever':
        this.#end('waiting-forever', event.durationMs, event.clockMs, event.message);
        return;
      case 'stopped':
        this.#end('stopped', event.durationMs, null, 'Stopped before it finished.');
        return;
      case 'timed-out':
        this.#end(
          'timed-out',
          event.durationMs,
          event.clock === 'virtual' ? event.limitMs : null,
          event.clock === 'virtual'
            ? `Virtual time limit reached: the program was still waiting after ${event.limitMs / 1000} virtual seconds.`
            : `Time limit reached: stopped after ${event.limitMs / 1000} s of real time.`,
        );
        return;
      case 'crashed':
        this.#end('crashed', event.durationMs, null, event.message);
        return;
      case 'checks-listed':
        record.checkList = event.checks;
        return;
      case 'program-loaded':
        record.programLoaded = true;
        return;
      case 'check-result':
        record.check = event.outcome;
        return;
      default:
        assertNever(event);
    }
  }

  #end(outcome: RunOutcome, realMs: number, clockMs: number | null, message: string | null): void {
    const record = this.record;
    if (record.outcome !== null) return;
    record.outcome = outcome;
    record.message = message;
    record.realMs = realMs;
    let lastSeen = record.clockMs ?? 0;
    for (const row of record.network) {
      lastSeen = Math.max(lastSeen, row.endMs ?? row.startMs);
      // A request still open when the run ended never got an answer.
      if (row.endMs === null && row.status === null && row.outcome === 'ok') {
        row.outcome = 'failed';
        row.reason = 'The run ended before it was answered';
      }
    }
    record.clockMs = clockMs ?? lastSeen;
  }

  #network(event: NetworkEvent): void {
    if (event.kind === 'request') {
      const key = `${event.method} ${event.url}`;
      const attempt = (this.#attempts.get(key) ?? 0) + 1;
      this.#attempts.set(key, attempt);
      const row: NetworkEntry = {
        method: event.method,
        url: event.url,
        status: null,
        outcome: 'ok',
        startMs: event.time,
        endMs: null,
        attempt,
      };
      this.#rows.set(event.id, row);
      this.record.network.push(row);
      return;
    }
    const row = this.#rows.get(event.id);
    if (!row || row.endMs !== null) return;
    row.endMs = event.time;
    switch (event.kind) {
      case 'response': {
        row.status = event.status;
        const retryAfter = headerValue(event.headers, 'retry-after');
        if (retryAfter !== null) row.retryAfter = retryAfter;
        if (event.note) row.reason = event.note;
        return;
      }
      case 'failed':
        row.outcome = 'failed';
        row.reason = event.reason;
        return;
      case 'aborted':
        row.outcome = event.reason === 'TimeoutError' ? 'timed-out' : 'aborted';
        row.reason = event.message || event.reason;
        return;
      default:
        assertNever(event);
    }
  }
}

type NetworkEvent = Extract<RunEvent, { type: 'network' }>['event'];
