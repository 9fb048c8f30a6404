/**
 * Draws a run's timeline (laid out by timeline-layout.ts) as a figure: a lane per request with its bar,
 * the labelled waits between attempts, deadlines, console ticks and an axis on the run's clock. Bars
 * are buttons in one tab stop (arrow keys move between them) whose names say what the Network row
 * says; the table stays the text alternative. Only the lanes in view (and the one holding the tab
 * stop) are in the page, so 1,000 requests draw in about a frame. Loaded with the first request, not
 * with the page.
 */
// As a string, adopted when the first timeline is drawn: inlined in the page, it would cost every
// reader bytes before they act.
import styles from '../styles/timeline.css?inline';
import type { BarOutcome, TimelineLayout } from './timeline-layout.ts';
import { formatMs } from './timeline-layout.ts';
import { element } from '../lib/dom.ts';

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

/** A row: its label (hidden from assistive technology: the bar's name says it) and its track. */
function row(className: string, label: HTMLElement, track: HTMLElement): HTMLElement {
  const line = element('div', className);
  label.setAttribute('aria-hidden', 'true');
  line.append(label, track);
  return line;
}

/** Heights in rem: a lane, and the line under it that says a wait. */
const LANE_REM = 1.5;
const NOTE_REM = 1.1;
const SVG = 'http://www.w3.org/2000/svg';
/** The most of the lanes the scroll box shows (its max-height in timeline.css). */
const VIEW_REM = 18;
/** Lanes drawn beyond the visible ones, above and below, so scrolling shows no gap. */
const OVERSCAN = 8;

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
  readonly #header: HTMLElement;
  readonly #lanes: HTMLElement;
  readonly #tooltip: HTMLElement;
  readonly #options: TimelineOptions;
  #clock: TimelineOptions['clock'];
  #layout: TimelineLayout | null = null;
  /** Where each lane starts, in rem from the top of the lanes; one more entry for the end. */
  #tops: number[] = [0];
  /** The index of the bar that holds the tab stop, so a redraw keeps the reader's place. */
  #current = 0;
  #frame = 0;
  #scrolledPx = 0;
  #remPx = 16;

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
    this.#header = element('div', 'timeline-header');
    this.#lanes = element('div', 'timeline-lanes');
    this.#body.append(this.#header, this.#lanes);
    this.#tooltip = element('div', 'timeline-tooltip');
    this.#tooltip.setAttribute('aria-hidden', 'true');
    this.#tooltip.hidden = true;
    this.element.append(this.#caption, this.#legend, this.#body, this.#tooltip);
    this.#listen();
  }

  /** A live example's next run may use the other clock. */
  setClock(clock: TimelineOptions['clock']): void {
    this.#clock = clock;
  }

  /** Redraws from `layout`: caption, legend, axis and the lanes in view. */
  update(layout: TimelineLayout, ended: boolean): void {
    const hadFocus = this.#lanes.contains(document.activeElement);
    const previous = this.#layout?.bars[this.#current]?.id;
    this.#layout = layout;
    const kept = layout.bars.findIndex((bar) => bar.id === previous);
    this.#current = kept >= 0 ? kept : 0;

    const requests = layout.bars.length + layout.hiddenRequests;
    this.#caption.textContent =
      `Timeline of ${requests} ${requests === 1 ? 'request' : 'requests'}` +
      (layout.hiddenRequests > 0 ? ` (the first ${layout.bars.length} drawn)` : '') +
      `${ended ? '' : ' so far'}, ${formatMs(layout.durationMs)} on the ${this.#clock} clock` +
      (layout.consoleMs.length > 0 ? '; ticks mark console output' : '');
    this.#drawLegend(layout);

    const at = (ms: number) => `${(ms * 100) / layout.spanMs}%`;
    const axis = element('div', 'timeline-track timeline-axis');
    for (const tick of layout.ticks) {
      const mark = element('span', 'timeline-tick', tick.label);
      mark.style.left = at(tick.ms);
      axis.append(mark);
    }
    axis.setAttribute('aria-hidden', 'true');
    const rows = [row('timeline-row', element('span', 'timeline-label'), axis)];
    if (layout.consoleMs.length > 0) {
      const track = element('div', 'timeline-track timeline-console');
      // One path for every tick: hundreds of console lines stay one element to lay out.
      const svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('viewBox', `0 0 ${layout.spanMs} 10`);
      svg.setAttribute('preserveAspectRatio', 'none');
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', layout.consoleMs.map((ms) => `M${ms} 0v10`).join(''));
      path.setAttribute('vector-effect', 'non-scaling-stroke');
      svg.append(path);
      track.append(svg);
      track.setAttribute('aria-hidden', 'true');
      rows.push(row('timeline-row', element('span', 'timeline-label', 'Console'), track));
    }
    this.#header.replaceChildren(...rows);

    const noted = new Set(layout.gaps.map((gap) => gap.lane));
    this.#tops = [0];
    for (const bar of layout.bars) {
      this.#tops.push(this.#tops.at(-1)! + LANE_REM + (noted.has(bar.lane) ? NOTE_REM : 0));
    }
    this.#lanes.style.height = `${this.#tops.at(-1)}rem`;
    this.#drawLanes();
    if (hadFocus) this.#barNode(this.#current)?.focus();
  }

  #drawLegend(layout: TimelineLayout): void {
    const keys: [string, string][] = [...new Set(layout.bars.map((bar) => bar.outcome))].map(
      (outcome) => [`timeline-swatch outcome-${outcome}`, legendWords[outcome]],
    );
    if (layout.gaps.some((gap) => gap.expected)) {
      keys.push(['timeline-swatch timeline-expected-key', 'expected wait']);
    }
    if (layout.deadlines.length > 0)
      keys.push(['timeline-swatch timeline-deadline-key', 'deadline']);
    this.#legend.replaceChildren(
      ...keys.map(([swatch, words]) => {
        const item = element('li', 'timeline-key');
        item.append(element('span', swatch), words);
        return item;
      }),
    );
  }

  /** Draws the lanes in view, a few around them, and the lane holding the tab stop. */
  #drawLanes(): void {
    const layout = this.#layout;
    if (!layout) return;
    // Read from the last scroll event, not the box: reading the box would lay out the page now.
    const scrolledRem = this.#scrolledPx / this.#remPx;
    const first = Math.max(0, this.#laneAt(scrolledRem) - OVERSCAN);
    const last = Math.min(layout.bars.length - 1, this.#laneAt(scrolledRem + VIEW_REM) + OVERSCAN);
    const indexes = new Set<number>();
    for (let index = first; index <= last; index++) indexes.add(index);
    if (layout.bars[this.#current]) indexes.add(this.#current);
    const gaps = new Map(layout.gaps.map((gap) => [gap.lane, gap]));
    const deadlines = new Map(layout.deadlines.map((line) => [line.lane, line]));
    const lanes: HTMLElement[] = [];
    for (const index of [...indexes].sort((a, b) => a - b)) {
      lanes.push(this.#lane(layout, index, gaps, deadlines));
    }
    this.#lanes.replaceChildren(...lanes);
  }

  /** The lane at `rem` from the top of the lanes. */
  #laneAt(rem: number): number {
    let low = 0;
    let high = this.#tops.length - 2;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.#tops[middle]! <= rem) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }

  #lane(
    layout: TimelineLayout,
    index: number,
    gaps: Map<number, TimelineLayout['gaps'][number]>,
    deadlines: Map<number, TimelineLayout['deadlines'][number]>,
  ): HTMLElement {
    const bar = layout.bars[index]!;
    const span = layout.spanMs;
    const at = (ms: number) => `${(ms * 100) / span}%`;
    const label = element('span', 'timeline-label');
    label.append(
      element('span', 'timeline-label-text', bar.summary.split(' · ')[0]),
      element('span', 'timeline-attempt', bar.attempt > 1 ? `#${bar.attempt}` : ''),
    );
    const track = element('div', `timeline-track call-${bar.call % 2 ? 'odd' : 'even'}`);
    const gap = gaps.get(bar.lane);
    if (gap?.expected) {
      const band = element('span', 'timeline-expected');
      const from = gap.fromMs + gap.expected.minMs;
      band.style.left = at(from);
      band.style.width = at(gap.fromMs + (gap.expected.maxMs ?? gap.expected.minMs) - from);
      track.append(band);
    }
    if (gap) {
      const wait = element('span', 'timeline-gap');
      if (gap.expected) wait.dataset.expected = gap.expected.met ? 'met' : 'missed';
      wait.style.left = at(gap.fromMs);
      wait.style.width = at(gap.toMs - gap.fromMs);
      track.append(wait);
    }
    const node = element('button', `timeline-bar outcome-${bar.outcome}`);
    node.type = 'button';
    node.dataset.index = String(index);
    node.setAttribute('aria-label', bar.name);
    node.tabIndex = index === this.#current ? 0 : -1;
    node.style.left = at(bar.startMs);
    node.style.width = at(bar.drawnEndMs - bar.startMs);
    track.append(node);
    const deadline = deadlines.get(bar.lane);
    if (deadline) {
      const line = element('span', 'timeline-deadline');
      line.title = `Deadline: the request timed out at ${formatMs(deadline.atMs)}`;
      line.style.left = at(deadline.atMs);
      track.append(line);
    }
    const lane = element('div', 'timeline-lane');
    lane.style.top = `${this.#tops[index]}rem`;
    lane.append(row('timeline-row', label, track));
    if (gap) {
      // The wait's words get a line of their own under its lane: they never cover a bar.
      const words = element('span', 'timeline-gap-label', gap.label);
      words.setAttribute('aria-hidden', 'true');
      if (gap.expected && !gap.expected.met) words.dataset.expected = 'missed';
      if (gap.fromMs > span / 2) {
        words.classList.add('from-end');
        words.style.marginInlineEnd = at(span - gap.toMs);
      } else words.style.marginInlineStart = at(gap.fromMs);
      const note = element('div', 'timeline-note');
      note.append(words);
      lane.append(note);
    }
    return lane;
  }

  #barNode(index: number): HTMLButtonElement | null {
    return this.#lanes.querySelector<HTMLButtonElement>(`.timeline-bar[data-index="${index}"]`);
  }

  #barAt(target: EventTarget | null): HTMLButtonElement | null {
    return target instanceof Element ? target.closest<HTMLButtonElement>('.timeline-bar') : null;
  }

  /** One set of listeners for every bar, kept across redraws. */
  #listen(): void {
    this.#lanes.addEventListener('click', (event) => {
      const node = this.#barAt(event.target);
      if (!node) return;
      this.#focusBar(Number(node.dataset.index));
      const bar = this.#layout?.bars[Number(node.dataset.index)];
      if (bar) this.#options.onSelect?.(bar.id);
    });
    const show = (event: Event) => {
      const node = this.#barAt(event.target);
      const bar = node && this.#layout?.bars[Number(node.dataset.index)];
      if (node && bar) this.#showTooltip(node, bar.summary);
    };
    this.#lanes.addEventListener('focusin', show);
    this.#lanes.addEventListener('pointerover', show);
    this.#lanes.addEventListener('focusout', () => (this.#tooltip.hidden = true));
    this.#lanes.addEventListener('pointerout', (event) => {
      const node = this.#barAt(event.target);
      if (node && document.activeElement !== node) this.#tooltip.hidden = true;
    });
    this.#lanes.addEventListener('keydown', (event) => this.#onKey(event));
    this.#body.addEventListener('scroll', () => {
      this.#scrolledPx = this.#body.scrollTop;
      this.#remPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      if (this.#frame) return;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        // Keep focus on the bar that has it while the lanes around it change.
        const hadFocus = this.#lanes.contains(document.activeElement);
        this.#drawLanes();
        if (hadFocus) this.#barNode(this.#current)?.focus({ preventScroll: true });
      });
    });
  }

  /** Moves the tab stop to bar `index`, scrolls it into view and focuses it. */
  #focusBar(index: number): void {
    const count = this.#layout?.bars.length ?? 0;
    if (count === 0) return;
    this.#current = Math.max(0, Math.min(count - 1, index));
    let node = this.#barNode(this.#current);
    if (!node) {
      this.#drawLanes();
      node = this.#barNode(this.#current);
    }
    for (const bar of this.#lanes.querySelectorAll<HTMLButtonElement>('.timeline-bar')) {
      bar.tabIndex = bar === node ? 0 : -1;
    }
    node?.focus();
  }

  #onKey(event: KeyboardEvent): void {
    const node = this.#barAt(event.target);
    if (!node) return;
    const index = Number(node.dataset.index);
    const next =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? index + 1
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? Number.MAX_SAFE_INTEGER
              : null;
    if (next === null) return;
    event.preventDefault();
    this.#focusBar(next);
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
