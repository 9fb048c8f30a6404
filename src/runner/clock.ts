/**
 * The one clock a run reads: learner timers, `Date`, `performance.now()`, `AbortSignal.timeout` and
 * every mock API delay. Two kinds:
 * - `real`: today's behaviour, so a reader of a lesson feels a 2 s wait;
 * - `virtual`: time stands still while the program works and jumps to the next timer when it is idle
 *   (the runtime decides when: see run-loop.ts), so 30 s of waiting costs milliseconds.
 * Timers are counted, so the runtime knows whether a program can still make progress. A "weak" timer
 * (the one behind `AbortSignal.timeout`) fires as usual but does not keep a finished program alive,
 * as in browsers and Node.
 */
export type ClockKind = 'real' | 'virtual';

/** The platform's Date, taken when the runtime loads: the global one later forwards to a run's clock. */
const RealDate = Date;

export const CLOCK_KINDS = ['real', 'virtual'] as const satisfies readonly ClockKind[];

export interface RunClock {
  readonly kind: ClockKind;
  /** Milliseconds since the run started, on this clock. */
  elapsed(): number;
  /** What `Date.now()` answers the program. */
  epochNow(): number;
  setTimeout(callback: () => void, ms: number, weak?: boolean): number;
  clearTimeout(id: number): void;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
  /** Makes a weak timer keep the program alive after all (someone now waits for it). */
  keepAlive(id: number): void;
  /** Timers pending that keep the program alive (weak ones excluded). */
  strongTimers(): number;
  /** Every timer pending, weak ones included. */
  allTimers(): number;
  /**
   * Cancels every pending timer, refuses new ones and stops the time: the run is over, and nothing
   * of it may fire in the next run (the same sandbox judges the next check), nor watch the next
   * run's time go by.
   */
  close(): void;
  /** Virtual clock: when the next timer fires (elapsed ms), or null when none is pending. */
  nextTimerAt(): number | null;
  /** Virtual clock: jumps to the next timer and runs it. */
  advance(): void;
  /** The `Date` constructor the program sees. */
  readonly Date: DateConstructor;
}

/** The host's own timers and clock, captured before learner code can touch the global ones. */
export interface RealTime {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Monotonic milliseconds (performance.now). */
  now(): number;
  /** Epoch milliseconds (Date.now). */
  epochNow(): number;
}

/**
 * The part of a fake-timers clock we use. It is created before lockdown: its `Date` subclass assigns
 * static properties that frozen intrinsics would refuse afterwards.
 */
export interface FakeClock {
  now: number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
  /** Jumps to the next timer and runs it. */
  next(): number;
  /** fake-timers' own table of pending timers: read to find the next one without running it. */
  timers?: Map<unknown, { callAt: number }>;
}

/** How a clock hands a timer callback to the runtime, which runs it, counts it as activity and catches what it throws. */
export type RunCallback = (callback: () => void) => void;

interface Scheduler {
  schedule(fire: () => void, ms: number, interval: boolean): unknown;
  cancel(handle: unknown, interval: boolean): void;
}

/**
 * Timer bookkeeping shared by both clocks: numeric ids of our own (Node's timers are objects), which
 * timers are weak, and every callback routed through `onCallback`.
 */
function createTimers(scheduler: Scheduler, onCallback: RunCallback) {
  const table = new Map<number, { weak: boolean; interval: boolean; handle: unknown }>();
  let nextId = 1;
  let weak = 0;
  let closed = false;
  const forget = (id: number) => {
    const entry = table.get(id);
    if (!entry) return undefined;
    table.delete(id);
    if (entry.weak) weak -= 1;
    return entry;
  };
  const add = (callback: () => void, ms: number, interval: boolean, isWeak: boolean) => {
    const id = nextId++;
    // A closed run's timer is never scheduled: a callback left behind cannot start one.
    if (closed) return id;
    const delay = Math.max(0, Number(ms) || 0);
    const fire = () => {
      if (!interval) forget(id);
      onCallback(callback);
    };
    table.set(id, { weak: isWeak, interval, handle: scheduler.schedule(fire, delay, interval) });
    if (isWeak) weak += 1;
    return id;
  };
  const cancel = (id: number) => {
    const entry = forget(Number(id));
    if (entry) scheduler.cancel(entry.handle, entry.interval);
  };
  return {
    setTimeout: (callback: () => void, ms: number, isWeak = false) =>
      add(callback, ms, false, isWeak),
    setInterval: (callback: () => void, ms: number) => add(callback, ms, true, false),
    clearTimeout: cancel,
    clearInterval: cancel,
    keepAlive(id: number) {
      const entry = table.get(id);
      if (!entry?.weak) return;
      entry.weak = false;
      weak -= 1;
    },
    strongTimers: () => table.size - weak,
    allTimers: () => table.size,
    close() {
      closed = true;
      for (const id of [...table.keys()]) cancel(id);
    },
  };
}

export function createRealClock(real: RealTime, onCallback: RunCallback): RunClock {
  const startedAt = real.now();
  let stoppedAt: number | null = null;
  const timers = createTimers(
    {
      schedule: (fire, ms, interval) =>
        interval ? real.setInterval(fire, ms) : real.setTimeout(fire, ms),
      cancel: (handle, interval) =>
        interval ? real.clearInterval(handle) : real.clearTimeout(handle),
    },
    onCallback,
  );
  return {
    kind: 'real',
    elapsed: () => (stoppedAt ?? real.now()) - startedAt,
    epochNow: () => real.epochNow(),
    ...timers,
    close() {
      timers.close();
      stoppedAt ??= real.now();
    },
    nextTimerAt: () => null,
    advance: () => {},
    Date: RealDate,
  };
}

/** A virtual clock on a fake-timers clock; starts at `startEpoch` (wall time, so dates look real). */
export function createVirtualClock(
  fake: FakeClock,
  startEpoch: number,
  onCallback: RunCallback,
): RunClock {
  const offset = startEpoch - fake.now;
  const startedAt = fake.now;
  // The fake clock goes on with the next run; a closed run's own time stands where it ended.
  let stoppedAt: number | null = null;
  const fakeNow = () => stoppedAt ?? fake.now;
  const timers = createTimers(
    {
      schedule: (fire, ms, interval) =>
        interval ? fake.setInterval(fire, ms) : fake.setTimeout(fire, ms),
      cancel: (handle, interval) =>
        interval ? fake.clearInterval(handle) : fake.clearTimeout(handle),
    },
    onCallback,
  );
  // `new Date()` and `Date.now()` read virtual time; every other use is the real Date's.
  const VirtualDate = function (this: unknown, ...args: unknown[]) {
    const time = fakeNow() + offset;
    if (!new.target) return new RealDate(time).toString();
    return Reflect.construct(RealDate, args.length ? args : [time], new.target) as Date;
  } as unknown as DateConstructor;
  Object.defineProperties(VirtualDate, {
    prototype: { value: RealDate.prototype },
    now: { value: () => fakeNow() + offset },
    parse: { value: RealDate.parse },
    UTC: { value: RealDate.UTC },
  });
  return {
    kind: 'virtual',
    elapsed: () => fakeNow() - startedAt,
    epochNow: () => fakeNow() + offset,
    ...timers,
    close() {
      timers.close();
      stoppedAt ??= fake.now;
    },
    nextTimerAt() {
      let next: number | null = null;
      for (const timer of fake.timers?.values() ?? []) {
        if (next === null || timer.callAt < next) next = timer.callAt;
      }
      return next === null ? null : next - startedAt;
    },
    advance: () => void fake.next(),
    Date: VirtualDate,
  };
}
