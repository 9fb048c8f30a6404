/**
 * Draws a run's timeline (laid out by timeline-layout.ts) as a figure: a lane per request with its bar,
 * the labelled waits between attempts, deadlines, console ticks and an axis on the run's clock. Bars
 * are buttons in one tab stop (arrow keys move between them) whose names say what the Network row
 * says; the table stays the text alternative. Loaded with the first request, not with the page.
 */
// As a string, adopted when the first timeline is drawn: inlined in the page, it would cost every
// reader bytes before they act.
import styles from '../styles/timeline.css?inline';
import type { BarOutcome, TimelineBar, TimelineLayout } from './timeline-layout.ts';
import { formatMs } from './timeline-layout.ts';

export interface TimelineOptions {
  /** "real" or "virtual": said in the caption, since a virtual second passes in no time. */
  clock: 'real' | 'virtual';
  /** A bar was chosen (click, Enter, Space): the live example selects its Network row. */
  onSelect?: (id: number) => void;
}

const legendWords: Record<BarOutcome, string> = {
  '1xx': '1xx',
  '2xx': '2xx success',
  '3xx': '3xx redirect',
  '4xx': '4xx client error',
  '5xx': '5xx server error',
  failed: 'failed',
  blocked: 'blocked',
  'timed-out': 'timed out',
  aborted: 'aborted',
  open: 'still open',
  pending: 'pending',
};

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Places `node` from `fromMs` to `toMs` on the axis (CSS turns the numbers into percentages). */
function place(node: HTMLElement, fromMs: number, toMs?: number): void {
  node.style.setProperty('--from', String(fromMs));
  if (toMs !== undefined) node.style.setProperty('--to', String(toMs));
}

let figures = 0;
let stylesAdopted = false;

function adoptStyles(): void {
  if (stylesAdopted) return;
  stylesAdopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(styles);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

export class TimelineView {
  readonly element: HTMLElement;
  readonly #caption: HTMLElement;
  readonly #legend: HTMLElement;
  readonly #body: HTMLElement;
  readonly #tooltip: HTMLElement;
  readonly #options: TimelineOptions;
  #clock: TimelineOptions['clock'];
  #bars: HTMLButtonElement[] = [];
  /** The bar that holds the tab stop, by request id, so a redraw keeps the reader's place. */
  #current: number | null = null;

  constructor(options: TimelineOptions) {
    adoptStyles();
    this.#options = options;
    this.#clock = options.clock;
    const id = `timeline-${++figures}`;
    this.element = element('figure', 'timeline');
    this.#caption = element('figcaption', 'timeline-caption');
    this.#caption.id = `${id}-caption`;
    this.element.setAttribute('aria-labelledby', this.#caption.id);
    this.#legend = element('ul', 'timeline-legend');
    this.#legend.setAttribute('aria-label', 'Colours');
    this.#body = element('div', 'timeline-scroll');
    this.#tooltip = element('div', 'timeline-tooltip');
    this.#tooltip.setAttribute('aria-hidden', 'true');
    this.#tooltip.hidden = true;
    this.element.append(this.#caption, this.#legend, this.#body, this.#tooltip);
    this.#body.addEventListener('keydown', (event) => this.#onKey(event));
  }

  /** A live example's next run may use the other clock. */
  setClock(clock: TimelineOptions['clock']): void {
    this.#clock = clock;
  }

  /** Redraws everything from `layout` (cheap enough for 1,000 lanes once per frame). */
  update(layout: TimelineLayout, ended: boolean): void {
    const focused = this.#bars.find((bar) => bar === document.activeElement);
    const requests = layout.bars.length + layout.hiddenRequests;
    const lines = layout.consoleMs.length;
    this.#caption.textContent =
      `Timeline of ${requests} ${requests === 1 ? 'request' : 'requests'}` +
      (layout.hiddenRequests > 0 ? ` (the first ${layout.bars.length} drawn)` : '') +
      `${ended ? '' : ' so far'}, ${formatMs(layout.durationMs)} on the ${this.#clock} clock` +
      (lines > 0 ? `; ticks mark console output` : '');

    const outcomes = [...new Set(layout.bars.map((bar) => bar.outcome))];
    this.#legend.replaceChildren(
      ...outcomes.map((outcome) => {
        const item = element('li', `timeline-key outcome-${outcome}`);
        item.append(element('span', 'timeline-swatch'), legendWords[outcome]);
        return item;
      }),
    );
    if (layout.gaps.some((gap) => gap.expected)) {
      const item = element('li', 'timeline-key');
      item.append(element('span', 'timeline-swatch timeline-expected-key'), 'expected wait');
      this.#legend.append(item);
    }
    if (layout.deadlines.length > 0) {
      const item = element('li', 'timeline-key');
      item.append(element('span', 'timeline-swatch timeline-deadline-key'), 'deadline');
      this.#legend.append(item);
    }

    const grid = element('div', 'timeline-grid');
    grid.style.setProperty('--span', String(layout.spanMs));
    const axis = element('div', 'timeline-axis');
    axis.setAttribute('aria-hidden', 'true');
    for (const tick of layout.ticks) {
      const mark = element('span', 'timeline-tick', tick.label);
      place(mark, tick.ms);
      axis.append(mark);
    }
    grid.append(element('span', 'timeline-label timeline-axis-label'), axis);

    if (layout.consoleMs.length > 0) {
      const track = element('div', 'timeline-track timeline-console');
      for (const ms of layout.consoleMs) {
        const tick = element('span', 'timeline-console-tick');
        place(tick, ms);
        track.append(tick);
      }
      const label = element('span', 'timeline-label', 'Console');
      label.setAttribute('aria-hidden', 'true');
      track.setAttribute('aria-hidden', 'true');
      grid.append(label, track);
    }

    const gapsByLane = new Map(layout.gaps.map((gap) => [gap.lane, gap]));
    const deadlinesByLane = new Map(layout.deadlines.map((line) => [line.lane, line]));
    if (!layout.bars.some((bar) => bar.id === this.#current)) this.#current = null;
    this.#current ??= layout.bars[0]?.id ?? null;
    this.#bars = [];
    for (const bar of layout.bars) {
      const label = element('span', 'timeline-label');
      label.setAttribute('aria-hidden', 'true');
      label.append(
        element('span', 'timeline-label-text', bar.summary.split(' · ')[0]),
        element('span', 'timeline-attempt', bar.attempt > 1 ? `#${bar.attempt}` : ''),
      );
      const track = element('div', `timeline-track call-${bar.call % 2 ? 'odd' : 'even'}`);
      const gap = gapsByLane.get(bar.lane);
      if (gap) {
        const wait = element('div', 'timeline-gap');
        place(wait, gap.fromMs, gap.toMs);
        if (gap.expected) {
          wait.dataset.expected = gap.expected.met ? 'met' : 'missed';
          const band = element('span', 'timeline-expected');
          place(
            band,
            gap.fromMs + gap.expected.minMs,
            gap.fromMs + (gap.expected.maxMs ?? gap.expected.minMs),
          );
          track.append(band);
        }
        track.append(wait);
      }
      track.append(this.#bar(bar));
      const deadline = deadlinesByLane.get(bar.lane);
      if (deadline) {
        const line = element('span', 'timeline-deadline');
        line.title = `Deadline: the request timed out at ${formatMs(deadline.atMs)}`;
        place(line, deadline.atMs);
        track.append(line);
      }
      grid.append(label, track);
      if (gap) {
        // The wait's words get a line of their own under its lane: they never cover a bar.
        const note = element('div', 'timeline-note');
        note.setAttribute('aria-hidden', 'true');
        const words = element('span', 'timeline-gap-label', gap.label);
        if (gap.expected && !gap.expected.met) words.dataset.expected = 'missed';
        if (gap.fromMs > layout.spanMs / 2) {
          note.classList.add('from-end');
          words.style.setProperty('--after', String(layout.spanMs - gap.toMs));
        } else place(words, gap.fromMs);
        note.append(words);
        grid.append(element('span', 'timeline-label'), note);
      }
    }
    this.#body.replaceChildren(grid);
    if (focused) this.#bars.find((bar) => Number(bar.dataset.id) === this.#current)?.focus();
  }

  #bar(bar: TimelineBar): HTMLButtonElement {
    const node = element('button', `timeline-bar outcome-${bar.outcome}`);
    node.type = 'button';
    node.dataset.id = String(bar.id);
    node.setAttribute('aria-label', bar.name);
    if (!bar.ended) node.dataset.open = '';
    node.tabIndex = bar.id === this.#current ? 0 : -1;
    place(node, bar.startMs, bar.drawnEndMs);
    node.addEventListener('click', () => {
      this.#focusBar(node);
      this.#options.onSelect?.(bar.id);
    });
    node.addEventListener('focus', () => this.#showTooltip(node, bar.summary));
    node.addEventListener('pointerenter', () => this.#showTooltip(node, bar.summary));
    node.addEventListener('blur', () => (this.#tooltip.hidden = true));
    node.addEventListener('pointerleave', () => {
      if (document.activeElement !== node) this.#tooltip.hidden = true;
    });
    this.#bars.push(node);
    return node;
  }

  #focusBar(node: HTMLButtonElement): void {
    for (const bar of this.#bars) bar.tabIndex = bar === node ? 0 : -1;
    this.#current = Number(node.dataset.id);
    node.focus();
  }

  #onKey(event: KeyboardEvent): void {
    const index = this.#bars.findIndex((bar) => bar === document.activeElement);
    if (index < 0) return;
    const next =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? index + 1
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? this.#bars.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const bar = this.#bars[Math.max(0, Math.min(this.#bars.length - 1, next))];
    if (bar) this.#focusBar(bar);
  }

  #showTooltip(node: HTMLElement, text: string): void {
    this.#tooltip.textContent = text;
    this.#tooltip.hidden = false;
    const figure = this.element.getBoundingClientRect();
    const box = node.getBoundingClientRect();
    const left = Math.min(
      box.left - figure.left,
      Math.max(0, figure.width - this.#tooltip.offsetWidth),
    );
    this.#tooltip.style.left = `${Math.max(0, left)}px`;
    this.#tooltip.style.top = `${box.bottom - figure.top + 4}px`;
  }
}
