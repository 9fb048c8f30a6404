/**
 * Watches a running program and decides what happens next, the same way for both clocks:
 * - it is idle when a few real turns of the event loop pass with no activity (no timer fired, no
 *   request started or settled, no body read started or finished);
 * - idle, top level settled, no timer that keeps it alive, no request open: finished;
 * - idle with timers pending: on the virtual clock, jump to the next timer (unless that passes the
 *   virtual limit); on the real clock, wait for it;
 * - idle with no timer at all, yet a request open or the top level unsettled: nothing can ever
 *   happen again. That is "waiting forever", reported at once, naming the open requests (after up
 *   to a second more while a body the program made is still being read: the host may finish it).
 */
import type { RunClock } from './clock.ts';
import type { OpenRequest } from './sandbox-fetch.ts';

export type OpenRequests = Map<number, OpenRequest>;

export type Verdict =
  | { type: 'finished' }
  | { type: 'waiting-forever'; message: string }
  | { type: 'virtual-limit'; limitMs: number };

export interface ProgramState {
  clock: RunClock;
  nextTurn(): Promise<void>;
  realDelay(ms: number): Promise<void>;
  /** A counter that moves whenever the program makes progress. */
  activity(): number;
  topLevelSettled(): boolean;
  /** The module is still being fetched and parsed: real work, not idleness. */
  loading(): boolean;
  openRequests(): OpenRequests;
  readsInProgress(): number;
  /** Reads of bodies the program made itself (body-reads.ts): work only the host can see end. */
  bodyReadsInProgress(): number;
  virtualLimitMs: number;
  /** Whose words the advice uses: fetch's (TypeScript) or requests' (Python). */
  language?: 'typescript' | 'python';
}

/** Real turns with no activity before the program counts as idle. */
const QUIET_TURNS = 2;
/**
 * Before "waiting forever", the program must stay idle this long in real time: work the runtime does
 * not see (a `crypto.subtle` digest on another thread) gets the chance to finish first.
 */
const FOREVER_GRACE_MS = 30;
/**
 * How long a read of a body the program made itself may hold off "waiting forever" once nothing
 * else moves: ample for Chromium to finish an in-memory read on a busy machine, short enough that a
 * stream that never ends is still called stuck.
 */
const BODY_READ_PATIENCE_MS = 1_000;
/** With the real clock and timers pending, how often to look again. */
const REAL_POLL_MS = 5;

export async function watchProgram(state: ProgramState): Promise<Verdict> {
  const { clock } = state;
  let patience = BODY_READ_PATIENCE_MS;
  for (;;) {
    await idle(state);
    const open = state.openRequests();
    if (state.readsInProgress() > 0 || state.loading()) {
      await state.realDelay(REAL_POLL_MS);
      continue;
    }
    if (state.topLevelSettled() && clock.strongTimers() === 0 && open.size === 0) {
      return { type: 'finished' };
    }
    if (clock.allTimers() > 0) {
      if (clock.kind === 'virtual') {
        const next = clock.nextTimerAt();
        if (next !== null && next > state.virtualLimitMs) {
          return { type: 'virtual-limit', limitMs: state.virtualLimitMs };
        }
        clock.advance();
      } else {
        await state.realDelay(REAL_POLL_MS);
      }
      continue;
    }
    const before = state.activity();
    await state.realDelay(FOREVER_GRACE_MS);
    if (state.activity() !== before || clock.allTimers() > 0) {
      patience = BODY_READ_PATIENCE_MS;
      continue;
    }
    // Only with no request open: a read of a fetched body that stalled waits on the mock, whose
    // silence is already known.
    if (state.bodyReadsInProgress() > 0 && state.openRequests().size === 0 && patience > 0) {
      patience -= FOREVER_GRACE_MS;
      continue;
    }
    return {
      type: 'waiting-forever',
      message: describeForever(state.openRequests(), state.language),
    };
  }
}

async function idle(state: ProgramState): Promise<void> {
  for (let quiet = 0; quiet < QUIET_TURNS;) {
    const before = state.activity();
    await state.nextTurn();
    quiet = state.activity() === before ? quiet + 1 : 0;
  }
}

/** "GET /hang has no signal and will never be answered: give it a timeout." */
export function describeForever(
  open: OpenRequests,
  language: 'typescript' | 'python' = 'typescript',
): string {
  if (open.size === 0) {
    return 'The program is waiting for a promise that nothing can settle any more: no timer is pending and no request is open.';
  }
  if (language === 'python') {
    return [...open.values()]
      .map(
        (request) =>
          `${request.method} ${shortUrl(request.url)} ${request.bodyStreaming ? 'sent its headers, then its body stopped arriving' : 'will never be answered'}, and requests waits for ever without a timeout: pass one (requests.get(url, timeout=5)).`,
      )
      .join(' ');
  }
  return [...open.values()]
    .map((request) =>
      request.bodyStreaming
        ? `${request.method} ${shortUrl(request.url)} sent its headers, then its body stopped arriving, and nothing is left that could end the read: read a body under a deadline (an idle timeout that restarts with each piece) or cancel it.`
        : request.hasSignal
          ? `${request.method} ${shortUrl(request.url)} is still waiting, and nothing is left that could abort its signal: give it a timeout (AbortSignal.timeout).`
          : `${request.method} ${shortUrl(request.url)} has no signal and will never be answered: give it a timeout (signal: AbortSignal.timeout(ms)).`,
    )
    .join(' ');
}

function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = `${parsed.pathname}${parsed.search}`;
    return parsed.host === 'api.example.com' ? path : `${parsed.host}${path}`;
  } catch {
    return url;
  }
}
