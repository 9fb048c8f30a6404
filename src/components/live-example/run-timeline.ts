/**
 * Keeps a live example's timeline in step with its run: collects console times and the run's end,
 * loads the drawing code with the first request (readers who never run a request never fetch it),
 * and redraws at most every 100 ms while the run goes, once more when it ends.
 */
import type { NetworkRow } from '../../examples/network-model.ts';
import type { TimelineView } from '../../examples/timeline-view.ts';
import type { RunEvent } from '../../runner/protocol.ts';

const REDRAW_MS = 100;

export class RunTimeline {
  readonly #host: HTMLElement;
  readonly #rows: () => readonly NetworkRow[];
  readonly #onSelect: (id: number) => void;
  #clock: 'real' | 'virtual' = 'real';
  #consoleMs: number[] = [];
  #endMs: number | null = null;
  #view: Promise<TimelineView> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;

  constructor(
    host: HTMLElement,
    rows: () => readonly NetworkRow[],
    onSelect: (id: number) => void,
  ) {
    this.#host = host;
    this.#rows = rows;
    this.#onSelect = onSelect;
  }

  start(clock: 'real' | 'virtual'): void {
    this.clear();
    this.#clock = clock;
  }

  /** Follows one run event. */
  apply(event: RunEvent): void {
    switch (event.type) {
      case 'console':
        this.#consoleMs.push(event.time);
        if (this.#view) this.#schedule();
        return;
      case 'network':
        this.#schedule();
        return;
      case 'finished':
      case 'waiting-forever':
        this.#end(event.clockMs);
        return;
      case 'stopped':
      case 'crashed':
        this.#end(this.#clock === 'real' ? event.durationMs : null);
        return;
      case 'timed-out':
        this.#end(event.clock === 'virtual' ? event.limitMs : event.durationMs);
        return;
      default:
        return;
    }
  }

  clear(): void {
    this.#generation += 1;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#consoleMs = [];
    this.#endMs = null;
    this.#host.replaceChildren();
  }

  #end(endMs: number | null): void {
    this.#endMs = endMs ?? Math.max(0, ...this.#consoleMs);
    if (this.#rows().length > 0) this.#draw();
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#draw();
    }, REDRAW_MS);
  }

  #draw(): void {
    const generation = this.#generation;
    this.#view ??= import('../../examples/timeline-view.ts').then(
      (module) => new module.TimelineView({ clock: this.#clock, onSelect: this.#onSelect }),
    );
    void Promise.all([this.#view, import('../../examples/timeline-layout.ts')]).then(
      ([view, { layoutTimeline, requestsFromRows }]) => {
        if (generation !== this.#generation) return;
        const rows = this.#rows();
        if (rows.length === 0) return;
        view.setClock(this.#clock);
        view.update(
          layoutTimeline({
            requests: requestsFromRows(rows),
            consoleMs: this.#consoleMs,
            endMs: this.#endMs,
          }),
          this.#endMs !== null,
        );
        if (view.element.parentElement !== this.#host) this.#host.replaceChildren(view.element);
      },
    );
  }
}
