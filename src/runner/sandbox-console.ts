/**
 * The `console` that learner code sees inside the sandbox: each call is serialised where it happens
 * (so later mutations do not change what was printed) and handed to `emit`. Output is capped so that
 * a program logging in a tight loop costs the page nothing once the cap is reached.
 */
import type { ConsoleMethod, ConsoleSource, FromSandbox } from './protocol.ts';
import { formatConsoleLine } from './format.ts';
import { serialize, type SerializedValue } from './serialize.ts';

export interface ConsoleLimits {
  /**
   * Console calls shown per run; later ones are counted, not sent.
   * @default 2000
   */
  maxLines?: number;
  /**
   * Characters of text shown per run.
   * @default 1_000_000
   */
  maxChars?: number;
  /**
   * Characters shown of one line; the rest is cut with a note (one log of 100 MB must not reach the page).
   * @default 20_000
   */
  maxLineChars?: number;
}

type ConsoleMessage = Extract<FromSandbox, { type: 'console' }>;

export interface SandboxConsole {
  console: Console;
  /** A line from the sandbox itself (e.g. why a request was blocked); it counts toward the cap. */
  explain(method: ConsoleMethod, text: string): void;
  /** How many console calls were dropped by the cap. */
  dropped(): number;
}

export function createSandboxConsole(
  emit: (message: ConsoleMessage) => void,
  now: () => number,
  { maxLines = 2000, maxChars = 1_000_000, maxLineChars = 20_000 }: ConsoleLimits = {},
  onCapped: () => void = () => {},
): SandboxConsole {
  let lines = 0;
  let chars = 0;
  let dropped = 0;
  let depth = 0;
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();

  const send = (method: ConsoleMethod, args: SerializedValue[], source: ConsoleSource) => {
    if (lines >= maxLines || chars >= maxChars) {
      if (dropped === 0) onCapped();
      dropped += 1;
      return;
    }
    let shown = args;
    const line = formatConsoleLine(args);
    if (line.length > maxLineChars) {
      const cut = line.length - maxLineChars;
      shown = [
        {
          type: 'string',
          value: `${line.slice(0, maxLineChars)}… (${cut} more characters not shown: one line shows at most ${maxLineChars})`,
        },
      ];
    }
    lines += 1;
    chars += Math.min(line.length, maxLineChars);
    emit({ type: 'console', method, source, args: shown, depth, time: now() });
  };

  const write = (method: ConsoleMethod, values: unknown[]) => {
    if (lines >= maxLines || chars >= maxChars) {
      // Count it without serialising it: a capped program may log in a tight loop.
      send(method, [], 'code');
      return;
    }
    send(
      method,
      values.map((value) => serialize(value)),
      'code',
    );
  };
  const text = (method: ConsoleMethod, message: string) => write(method, [message]);

  const sandboxConsole = {
    log: (...values: unknown[]) => write('log', values),
    info: (...values: unknown[]) => write('info', values),
    warn: (...values: unknown[]) => write('warn', values),
    error: (...values: unknown[]) => write('error', values),
    debug: (...values: unknown[]) => write('debug', values),
    dir: (value: unknown) => write('log', [value]),
    dirxml: (...values: unknown[]) => write('log', values),
    trace: (...values: unknown[]) => write('log', ['Trace:', ...values]),
    table: (data: unknown) => write('table', [data]),
    assert: (condition: unknown, ...values: unknown[]) => {
      if (!condition)
        write('error', ['Assertion failed:', ...(values.length ? values : ['console.assert'])]);
    },
    group: (...values: unknown[]) => {
      if (values.length) write('log', values);
      depth += 1;
    },
    groupCollapsed: (...values: unknown[]) => sandboxConsole.group(...values),
    groupEnd: () => {
      depth = Math.max(0, depth - 1);
    },
    count: (label = 'default') => {
      const count = (counts.get(label) ?? 0) + 1;
      counts.set(label, count);
      text('log', `${label}: ${count}`);
    },
    countReset: (label = 'default') => counts.delete(label),
    time: (label = 'default') => timers.set(label, now()),
    timeLog: (label = 'default', ...values: unknown[]) => logTime(label, values, false),
    timeEnd: (label = 'default') => logTime(label, [], true),
    clear: () => {},
  };

  function logTime(label: string, values: unknown[], end: boolean) {
    const start = timers.get(label);
    if (start === undefined) {
      text('warn', `Timer '${label}' does not exist: call console.time('${label}') first.`);
      return;
    }
    if (end) timers.delete(label);
    write('log', [`${label}: ${(now() - start).toFixed(3)} ms`, ...values]);
  }

  return {
    console: sandboxConsole as unknown as Console,
    explain: (method, message) => send(method, [{ type: 'string', value: message }], 'sandbox'),
    dropped: () => dropped,
  };
}
