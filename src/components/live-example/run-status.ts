/**
 * What the status line and the Console say about each runner event. Pure text, no DOM, so the
 * wording is in one place and easy to test.
 */
import { assertNever } from '../../runner/assert-never.ts';
import { describeDiagnostic } from '../../runner/compile.ts';
import type { RunError, RunEvent } from '../../runner/protocol.ts';

export const IDLE_STATUS = 'Not run yet. Press Run, or Ctrl+Enter in the editor.';

export function describeRunError(error: RunError): string {
  const prefix = error.kind === 'unhandled-rejection' ? 'Uncaught (in promise)' : 'Uncaught';
  const head =
    error.name === 'Uncaught'
      ? `${prefix} ${error.message}`
      : `${prefix} ${error.name}: ${error.message}`;
  return error.position
    ? `${head} (line ${error.position.line}, column ${error.position.column})`
    : head;
}

/**
 * What a first Python run says while Python loads: `bytes` is the download, when known; `percent`
 * how much of it has arrived (100: it is starting).
 */
export function pythonLoadingStatus(bytes: number | null, percent: number | null = null): string {
  const size = bytes === null ? '' : `, ${(bytes / 1e6).toFixed(1)} MB`;
  const head = `Loading Python 3.14 and requests (the first time${size}, then kept for offline use)…`;
  if (percent === null) return head;
  return percent >= 100 ? `${head} downloaded, starting Python.` : `${head} ${percent}%`;
}

/** The status line after `event`, or null when the event does not change it. */
export function statusFor(event: RunEvent, firstError: RunError | null): string | null {
  switch (event.type) {
    case 'compiling':
      return 'Compiling…';
    case 'loading-python':
      return pythonLoadingStatus(null);
    case 'started':
      return 'Running…';
    case 'compile-failed': {
      const count = event.diagnostics.length;
      return `Did not run: ${count} compile error${count === 1 ? '' : 's'}. Fix the marked code and run again.`;
    }
    case 'finished':
      return event.failed && firstError
        ? `Failed after ${event.durationMs} ms: ${firstError.name}: ${firstError.message}${
            firstError.position ? ` (line ${firstError.position.line})` : ''
          }.`
        : `Finished in ${event.durationMs} ms.`;
    case 'waiting-forever':
      return `Waiting forever: ${event.message}`;
    case 'stopped':
      return `Stopped after ${event.durationMs} ms.`;
    case 'timed-out':
      return event.clock === 'virtual'
        ? `Virtual time limit reached: the program was still waiting after ${formatSeconds(event.limitMs)} of virtual time. Look for a retry loop that never gives up.`
        : `Time limit reached: stopped after ${formatSeconds(event.limitMs)}. Look for a loop that never ends or a request without a timeout.`;
    case 'crashed':
      return `The example could not run: ${event.message}`;
    case 'console':
    case 'network':
    case 'error':
    case 'output-dropped':
    case 'checks-listed':
    case 'program-loaded':
    case 'check-result':
      return null;
    default:
      return assertNever(event);
  }
}

/** Console lines for events that are not console calls: compile errors, runtime errors, dropped output. */
export function consoleTextFor(event: RunEvent): string[] {
  switch (event.type) {
    case 'compile-failed':
      return event.diagnostics.map(
        (diagnostic) => `Compile error: ${describeDiagnostic(diagnostic)}`,
      );
    case 'error':
      // Python prints its own traceback, which a Python reader knows how to read.
      return event.error.traceback
        ? event.error.traceback.split('\n')
        : [describeRunError(event.error)];
    case 'output-dropped':
      return [
        event.lines === null
          ? '… later console output was not shown: output is capped per run.'
          : `… ${event.lines} more console ${event.lines === 1 ? 'call was' : 'calls were'} not shown: output is capped per run.`,
      ];
    case 'compiling':
    case 'loading-python':
    case 'started':
    case 'console':
    case 'network':
    case 'finished':
    case 'waiting-forever':
    case 'stopped':
    case 'timed-out':
    case 'crashed':
    case 'checks-listed':
    case 'program-loaded':
    case 'check-result':
      return [];
    default:
      return assertNever(event);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
