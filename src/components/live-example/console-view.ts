/**
 * The Console panel: a `log` region that shows console output as text (never HTML), appended in
 * batches once per frame so a burst of thousands of lines does not block the page.
 */
import type { ConsoleMethod } from '../../runner/protocol.ts';
import { formatConsoleLine, formatTable } from '../../runner/format.ts';
import type { SerializedValue } from '../../runner/serialize.ts';

/** The sandbox cuts a console line at 20,000 characters; the page holds the same line. */
const MAX_LINE_CHARS = 20_000;

export type LineKind = ConsoleMethod | 'system';

interface PendingLine {
  text: string;
  kind: LineKind;
  depth: number;
}

export class ConsoleView {
  readonly element: HTMLElement;
  #queue: PendingLine[] = [];
  #frame = 0;
  #lastFlush = -Infinity;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'live-console';
    this.element.setAttribute('role', 'log');
    this.element.setAttribute('aria-label', 'Console');
    this.element.tabIndex = 0;
  }

  clear(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#queue = [];
    this.element.replaceChildren();
  }

  /** One console call from the sandbox. */
  addCall(method: ConsoleMethod, args: SerializedValue[], depth: number): void {
    const text =
      method === 'table' && args.length === 1 ? formatTable(args[0]!) : formatConsoleLine(args);
    this.add(text, method, depth);
  }

  add(text: string, kind: LineKind, depth = 0): void {
    // The page's own cap on one line, whatever the sandbox let through: a huge text node freezes layout.
    const shown =
      text.length > MAX_LINE_CHARS
        ? `${text.slice(0, MAX_LINE_CHARS)}… (${text.length - MAX_LINE_CHARS} more characters not shown)`
        : text;
    this.#queue.push({ text: shown, kind, depth });
    if (this.#frame) return;
    // A lone line shows at once; lines arriving in a burst wait for the next frame and go in together.
    if (performance.now() - this.#lastFlush > 50) this.#flush();
    else this.#frame = requestAnimationFrame(() => this.#flush());
  }

  /** Writes queued lines now (at the end of a run, so the status never runs ahead of the output). */
  flush(): void {
    cancelAnimationFrame(this.#frame);
    this.#flush();
  }

  #flush(): void {
    this.#frame = 0;
    if (this.#queue.length === 0) return;
    this.#lastFlush = performance.now();
    const fragment = document.createDocumentFragment();
    for (const line of this.#queue) {
      const row = document.createElement('div');
      row.className = `console-line console-${line.kind}`;
      if (line.depth) row.style.paddingInlineStart = `${line.depth * 1.25 + 0.75}rem`;
      // textContent, not innerHTML: learner output is shown as the characters it contains.
      row.textContent = line.text;
      fragment.append(row);
    }
    this.#queue = [];
    this.element.append(fragment);
    this.element.scrollTop = this.element.scrollHeight;
  }
}
