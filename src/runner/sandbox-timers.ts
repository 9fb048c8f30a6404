/**
 * Timers for learner code that the sandbox can count: a program is finished only when its top level
 * has settled and no timer or request is still pending (like a Node process that exits on its own).
 */
export interface PendingWork {
  /** Replaces the global timer functions with counting ones. */
  install(): void;
  /** Adds or removes one unit of pending work (a request in flight). */
  adjust(delta: 1 | -1): void;
  /** Resolves once nothing is pending across two turns of the event loop. */
  idle(): Promise<void>;
}

export function createPendingWork(): PendingWork {
  const realSetTimeout = globalThis.setTimeout.bind(globalThis);
  const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
  const realSetInterval = globalThis.setInterval.bind(globalThis);
  const realClearInterval = globalThis.clearInterval.bind(globalThis);
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  let requests = 0;
  let wake: (() => void) | null = null;

  const busy = () => timeouts.size + intervals.size + requests > 0;
  const check = () => {
    if (wake && !busy()) wake();
  };

  const notFromString = (handler: unknown): handler is (...args: unknown[]) => void => {
    if (typeof handler === 'function') return true;
    throw new TypeError(
      'setTimeout and setInterval need a function here: examples cannot run code from strings.',
    );
  };

  return {
    install() {
      const timers = {
        setTimeout(handler: unknown, ms?: number, ...args: unknown[]) {
          if (!notFromString(handler)) return 0;
          const id = realSetTimeout(() => {
            timeouts.delete(id);
            try {
              handler(...args);
            } finally {
              check();
            }
          }, ms);
          timeouts.add(id);
          return id;
        },
        clearTimeout(id: unknown) {
          realClearTimeout(id as number);
          timeouts.delete(id);
          check();
        },
        setInterval(handler: unknown, ms?: number, ...args: unknown[]) {
          if (!notFromString(handler)) return 0;
          const id = realSetInterval(() => handler(...args), ms);
          intervals.add(id);
          return id;
        },
        clearInterval(id: unknown) {
          realClearInterval(id as number);
          intervals.delete(id);
          check();
        },
      };
      Object.assign(globalThis, timers);
    },
    adjust(delta) {
      requests += delta;
      check();
    },
    async idle() {
      // Two quiet turns in a row: a resolved fetch usually schedules a little more work (reading the body).
      for (let quietTurns = 0; quietTurns < 2;) {
        if (busy()) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          quietTurns = 0;
        } else {
          await new Promise((resolve) => realSetTimeout(resolve, 0));
          quietTurns += busy() ? 0 : 1;
        }
      }
    },
  };
}
