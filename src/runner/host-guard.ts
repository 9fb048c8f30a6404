/**
 * What the host (the page, the Node parent process) accepts from a sandbox, whatever the sandbox says.
 * The sandbox's runtime caps its own output, but it shares a realm with learner code; these caps hold
 * even if that runtime were subverted, so no message can flood the page, the Console or the run record.
 * Each limit sits a little above the sandbox's own, so an honest sandbox never meets them.
 */
import { isMessage, type FromSandbox, type RunError } from './protocol.ts';
import { FROM_SANDBOX } from './sandbox-client.ts';
import { capNetworkEvent } from './network-caps.ts';

const NETWORK_KINDS = new Set(['request', 'response', 'failed', 'aborted']);

export const HOST_LIMITS = {
  /** Console calls and errors per run (the sandbox: 2,000 lines, 100 errors, its own notes). */
  lines: 2_200,
  /** Network events per run (the sandbox: a start and an end for each of 1,000 rows). */
  networkEvents: 2_000,
  /** Size of one message: characters of its strings plus one per value. */
  messageSize: 200_000,
  /** Size of all console and error messages of a run together. */
  outputSize: 4_000_000,
  /** Characters kept of an error's name and message, and of an end message. */
  textChars: 2_000,
  /** Messages turned away in one run before the sandbox is stopped as broken. */
  refused: 10_000,
} as const;

/** A message to pass on (possibly shortened), `capped` (output past the cap), `refused`, or `flood`. */
export type Verdict = FromSandbox | 'capped' | 'refused' | 'flood';

export const FLOOD_MESSAGE =
  'The sandbox kept sending messages past every cap, so it was stopped: its runtime is broken or was subverted by the code it ran.';

/** One per run: counts what the sandbox sent and decides what reaches the record and the page. */
export class SandboxMessageGuard {
  #lines = 0;
  #networkEvents = 0;
  #outputSize = 0;
  #refused = 0;
  readonly #once = new Set<string>();

  admit(message: unknown): Verdict {
    if (!isMessage<FromSandbox>(message, FROM_SANDBOX)) return this.#refuse();
    const size = sizeUpTo(message, HOST_LIMITS.messageSize);
    switch (message.type) {
      case 'console': {
        if (!Array.isArray(message.args)) return this.#refuse();
        if (this.#lines >= HOST_LIMITS.lines || this.#outputSize >= HOST_LIMITS.outputSize) {
          return this.#cap();
        }
        this.#lines += 1;
        this.#outputSize += size;
        if (size <= HOST_LIMITS.messageSize) return message;
        return {
          ...message,
          source: 'sandbox',
          method: 'warn',
          args: [
            {
              type: 'string',
              value: `… a console call too large to show was left out (over ${HOST_LIMITS.messageSize} characters).`,
            },
          ],
        };
      }
      case 'error': {
        if (typeof message.error !== 'object' || message.error === null) return this.#refuse();
        if (this.#lines >= HOST_LIMITS.lines || this.#outputSize >= HOST_LIMITS.outputSize) {
          return this.#cap();
        }
        this.#lines += 1;
        const error = shortenError(message.error);
        this.#outputSize +=
          error.name.length + error.message.length + (error.traceback?.length ?? 0);
        return { ...message, error };
      }
      case 'network': {
        const event = message.event as unknown;
        if (typeof event !== 'object' || event === null) return this.#refuse();
        if (!NETWORK_KINDS.has(String((event as { kind?: unknown }).kind))) return this.#refuse();
        if (this.#networkEvents >= HOST_LIMITS.networkEvents) return this.#refuse();
        if (size > HOST_LIMITS.messageSize) return this.#refuse();
        this.#networkEvents += 1;
        try {
          // Cut again here: what an honest sandbox sends passes unchanged, a subverted one's 60 kB
          // URLs and thousand-header rows do not reach the table.
          return { ...message, event: capNetworkEvent(message.event) };
        } catch {
          return this.#refuse();
        }
      }
      case 'output-dropped':
      case 'checks-listed':
      case 'program-loaded':
      case 'check-result':
        // Each comes once per run; a repeat is a sandbox trying to add lines or rewrite a verdict.
        if (this.#once.has(message.type)) return this.#refuse();
        this.#once.add(message.type);
        // The checks' own source and the learner's values: large, but bounded by what a check can say.
        return size > HOST_LIMITS.messageSize * 5 ? this.#refuse() : message;
      case 'waiting-forever':
        return { ...message, message: cut(String(message.message), HOST_LIMITS.textChars) };
      default:
        return size > HOST_LIMITS.messageSize ? this.#refuse() : message;
    }
  }

  #cap(): Verdict {
    this.#refused += 1;
    return this.#refused > HOST_LIMITS.refused ? 'flood' : 'capped';
  }

  #refuse(): Verdict {
    this.#refused += 1;
    return this.#refused > HOST_LIMITS.refused ? 'flood' : 'refused';
  }
}

function shortenError(error: RunError): RunError {
  const position =
    error.position && Number.isFinite(error.position.line) && Number.isFinite(error.position.column)
      ? { line: error.position.line, column: error.position.column }
      : null;
  return {
    name: cut(String(error.name), 200),
    message: cut(String(error.message), HOST_LIMITS.textChars),
    position,
    kind: error.kind === 'unhandled-rejection' ? 'unhandled-rejection' : 'uncaught',
    ...(typeof error.traceback === 'string' && error.traceback
      ? { traceback: keepEnd(error.traceback, 4 * HOST_LIMITS.textChars) }
      : {}),
  };
}

/** A traceback's last lines matter most (the exception, where it was raised): keep them. */
function keepEnd(text: string, max: number): string {
  return text.length > max
    ? `(${text.length - max} earlier characters not shown) …${text.slice(-max)}`
    : text;
}

function cut(text: string, max: number): string {
  return text.length > max
    ? `${text.slice(0, max)}… (${text.length - max} more characters not shown)`
    : text;
}

/**
 * The size of a structured-cloned value (characters of its strings and keys, plus one per value),
 * counted only up to just past `limit`, so a 48 MB message costs no more to measure than a small one.
 */
export function sizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= limit) {
    const item = stack.pop();
    size += 1;
    if (typeof item === 'string') size += item.length;
    else if (Array.isArray(item)) {
      for (let index = 0; index < item.length && index <= limit; index += 1)
        stack.push(item[index]);
    } else if (typeof item === 'object' && item !== null) {
      for (const key in item) {
        size += key.length;
        stack.push((item as Record<string, unknown>)[key]);
        if (size > limit) break;
      }
    }
  }
  return size;
}
