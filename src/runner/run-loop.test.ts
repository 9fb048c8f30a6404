/**
 * The idle detector, with a fake clock and fake program state: when a program is finished, when
 * virtual time jumps, when it waits forever, and that a request or body read in flight keeps it busy.
 */
import { describe, expect, it } from 'vitest';
import type { RunClock } from './clock.ts';
import { describeForever, watchProgram, type OpenRequests, type ProgramState } from './run-loop.ts';

function fakeClock(kind: 'real' | 'virtual', timers: number[] = []) {
  let now = 0;
  const clock = {
    kind,
    elapsed: () => now,
    strongTimers: () => timers.length,
    allTimers: () => timers.length,
    nextTimerAt: () => (timers.length ? Math.min(...timers) : null),
    advance: () => {
      now = Math.min(...timers);
      timers.splice(timers.indexOf(now), 1);
    },
  } as unknown as RunClock;
  return { clock, now: () => now, timers };
}

function state(overrides: Partial<ProgramState> & Pick<ProgramState, 'clock'>): ProgramState {
  return {
    nextTurn: () => new Promise((resolve) => setImmediate(resolve)),
    realDelay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    activity: () => 0,
    topLevelSettled: () => true,
    loading: () => false,
    openRequests: () => new Map(),
    readsInProgress: () => 0,
    bodyReadsInProgress: () => 0,
    virtualLimitMs: 600_000,
    ...overrides,
  };
}

describe('watchProgram', () => {
  it('finishes when the top level settled and nothing is pending', async () => {
    const { clock } = fakeClock('virtual');
    expect(await watchProgram(state({ clock }))).toEqual({ type: 'finished' });
  });

  it('jumps virtual time to each timer in turn, then finishes', async () => {
    const { clock, now } = fakeClock('virtual', [30_000, 10_000]);
    expect(await watchProgram(state({ clock }))).toEqual({ type: 'finished' });
    expect(now()).toBe(30_000);
  });

  it('stops before a timer past the virtual limit', async () => {
    const { clock, now } = fakeClock('virtual', [5_000, 700_000]);
    expect(await watchProgram(state({ clock }))).toEqual({
      type: 'virtual-limit',
      limitMs: 600_000,
    });
    expect(now()).toBe(5_000);
  });

  it('calls a request with no timer to end it "waiting forever", naming it', async () => {
    const { clock } = fakeClock('virtual');
    const open: OpenRequests = new Map([
      [1, { method: 'GET', url: 'https://api.example.com/hang', hasSignal: false }],
    ]);
    expect(await watchProgram(state({ clock, openRequests: () => open }))).toEqual({
      type: 'waiting-forever',
      message: describeForever(open),
    });
    expect(describeForever(open)).toBe(
      'GET /hang has no signal and will never be answered: give it a timeout (signal: AbortSignal.timeout(ms)).',
    );
  });

  it('is not idle while the module loads or a body is being read', async () => {
    const { clock } = fakeClock('virtual');
    let loading = true;
    let reads = 1;
    setTimeout(() => (loading = false), 40);
    setTimeout(() => (reads = 0), 80);
    const started = performance.now();
    const verdict = await watchProgram(
      state({ clock, loading: () => loading, readsInProgress: () => reads }),
    );
    expect(verdict).toEqual({ type: 'finished' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('waits for real timers on the real clock instead of jumping', async () => {
    const timers = [1];
    const { clock } = fakeClock('real', timers);
    let activity = 0;
    setTimeout(() => {
      timers.pop();
      activity += 1;
    }, 30);
    const verdict = await watchProgram(state({ clock, activity: () => activity }));
    expect(verdict).toEqual({ type: 'finished' });
    expect(timers).toEqual([]);
  });

  it('holds off "waiting forever" while a body the program made is read, then goes on', async () => {
    // A check's fake server answers with `new Response(...)`: in Chromium its json() takes real
    // turns that no timer or request shows, longer than the grace on a busy machine.
    const { clock } = fakeClock('virtual');
    let reads = 1;
    let settled = false;
    let activity = 0;
    setTimeout(() => {
      reads = 0;
      settled = true;
      activity += 1;
    }, 300);
    const verdict = await watchProgram(
      state({
        clock,
        activity: () => activity,
        topLevelSettled: () => settled,
        bodyReadsInProgress: () => reads,
      }),
    );
    expect(verdict).toEqual({ type: 'finished' });
  });

  it('still calls a read that never ends "waiting forever", after its second of patience', async () => {
    const { clock } = fakeClock('virtual');
    const started = performance.now();
    const verdict = await watchProgram(
      state({ clock, topLevelSettled: () => false, bodyReadsInProgress: () => 1 }),
    );
    expect(verdict.type).toBe('waiting-forever');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('says a stalled body stopped arriving, not that its request will never be answered', () => {
    const open: OpenRequests = new Map([
      [
        1,
        {
          method: 'GET',
          url: 'https://api.example.com/stream/5?stall_after=2',
          hasSignal: false,
          bodyStreaming: true,
        },
      ],
    ]);
    expect(describeForever(open)).toBe(
      'GET /stream/5?stall_after=2 sent its headers, then its body stopped arriving, and nothing is left that could end the read: read a body under a deadline (an idle timeout that restarts with each piece) or cancel it.',
    );
  });
});
