/**
 * The Network panel of a live example: a table named "Network" with one row per request, updated as
 * events arrive, and a details view for the selected row. Everything is written with textContent:
 * headers and bodies come from learner code and the mock API, never trusted as HTML.
 */
import type { NetworkEvent, RunEvent } from '../runner/protocol';
import { formatBody, NetworkModel, type NetworkRow, type RunEnd } from './network-model';
import { statusClass } from './network-status-class';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** The way a run ended, or null for events that do not end it. */
function runEnd(event: RunEvent): RunEnd | null {
  switch (event.type) {
    case 'finished':
    case 'waiting-forever':
    case 'stopped':
    case 'timed-out':
    case 'crashed':
      return event.type;
    default:
      return null;
  }
}

function headerText(headers: [string, string][]): string {
  return headers.length === 0
    ? '(none)'
    : headers.map(([name, value]) => `${name}: ${value}`).join('\n');
}

export class NetworkTable {
  private readonly model = new NetworkModel();
  private readonly body: HTMLTableSectionElement;
  private readonly empty: HTMLParagraphElement;
  private readonly details: HTMLElement;
  private selectedId: number | null = null;
  private readonly rowsById = new Map<number, HTMLTableRowElement>();
  /** Rows changed since the last render, by id. */
  private readonly dirty = new Map<number, NetworkRow>();
  private frame = 0;
  private lastFlush = -Infinity;

  constructor(root: HTMLElement, idPrefix: string) {
    this.body = element('tbody');
    const head = element('thead', {}, [
      element(
        'tr',
        {},
        ['Request', 'Status', 'Time', 'Attempt'].map((label) =>
          element('th', { scope: 'col' }, [label]),
        ),
      ),
    ]);
    const table = element('table', { className: 'network-table' }, [
      element('caption', { className: 'visually-hidden' }, ['Network']),
      head,
      this.body,
    ]);
    this.empty = element('p', { className: 'network-empty' }, [
      'No requests yet. Run the example to see them here.',
    ]);
    this.details = element('section', {
      className: 'network-details',
      id: `${idPrefix}-details`,
      hidden: true,
    });
    this.details.setAttribute('aria-live', 'polite');
    root.replaceChildren(
      element('div', { className: 'network-scroll' }, [table]),
      this.empty,
      this.details,
    );
  }

  /** Every request so far, in order (the timeline draws them). */
  get rows(): readonly NetworkRow[] {
    return this.model.rows;
  }

  /** Selects a row and shows its details, as a click on it does, but leaves focus where it is. */
  selectRow(id: number): void {
    if (this.selectedId !== id) this.select(id, { focus: false });
    this.rowsById.get(id)?.scrollIntoView({ block: 'nearest' });
  }

  apply(event: NetworkEvent): void {
    const row = this.model.apply(event);
    if (!row) return;
    this.dirty.set(row.id, row);
    if (this.frame) return;
    // Like the Console: a lone change shows at once, a burst (1,000 requests at once) once per frame.
    if (performance.now() - this.lastFlush > 50) this.flush();
    else this.frame = requestAnimationFrame(() => this.flush());
  }

  /**
   * Renders changed rows now (at the end of a run, so the status never runs ahead of the table).
   * Given the run's end event, requests still open say that the run ended before they were answered.
   */
  flush(event?: RunEvent): void {
    const end = event ? runEnd(event) : null;
    if (end) for (const row of this.model.endRun(end)) this.dirty.set(row.id, row);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.dirty.size === 0) return;
    this.lastFlush = performance.now();
    this.empty.hidden = true;
    for (const row of this.dirty.values()) {
      this.renderRow(row);
      if (row.id === this.selectedId) this.renderDetails(row);
    }
    this.dirty.clear();
  }

  clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.dirty.clear();
    this.model.clear();
    this.rowsById.clear();
    this.body.replaceChildren();
    this.selectedId = null;
    this.details.hidden = true;
    this.empty.hidden = false;
  }

  private renderRow(row: NetworkRow): void {
    let tr = this.rowsById.get(row.id);
    if (!tr) {
      tr = element('tr');
      this.rowsById.set(row.id, tr);
      this.body.append(tr);
    }
    const button = element('button', { type: 'button', className: 'network-request' }, [
      element('span', { className: 'network-method' }, [row.method]),
      ' ',
      element('span', { className: 'network-url' }, [row.label]),
    ]);
    button.setAttribute('aria-controls', this.details.id);
    button.setAttribute('aria-expanded', String(row.id === this.selectedId));
    button.title = row.url;
    button.addEventListener('click', () => this.select(row.id));
    const status = element(
      'td',
      { className: `network-status state-${row.state} ${statusClass(row)}` },
      [row.statusLabel],
    );
    if (row.reason) status.title = row.reason;
    tr.className = row.id === this.selectedId ? 'is-selected' : '';
    tr.replaceChildren(
      element('td', {}, [button]),
      status,
      element('td', { className: 'network-time' }, [
        row.durationMs !== null ? `${row.durationMs} ms` : row.state === 'unanswered' ? '—' : '…',
      ]),
      element('td', { className: 'network-attempt' }, [String(row.attempt)]),
    );
  }

  private select(id: number, { focus = true } = {}): void {
    const previous = this.selectedId;
    this.selectedId = previous === id ? null : id;
    for (const row of this.model.rows) {
      if (row.id === previous || row.id === id) this.renderRow(row);
    }
    const row = this.model.rows.find((candidate) => candidate.id === this.selectedId);
    if (row) this.renderDetails(row);
    else this.details.hidden = true;
    // Re-rendering replaced the button; keep keyboard focus where the reader was.
    if (focus) this.rowsById.get(id)?.querySelector('button')?.focus();
  }

  private renderDetails(row: NetworkRow): void {
    const type = (headers: [string, string][]) =>
      headers.find(([name]) => name === 'content-type')?.[1];
    const block = (title: string, text: string) => [
      element('h4', {}, [title]),
      element('pre', { className: 'network-pre', tabIndex: 0 }, [text]),
    ];
    this.details.hidden = false;
    this.details.replaceChildren(
      element('h3', {}, [`${row.method} ${row.url}`]),
      element('p', {}, [
        row.reason ? `${row.statusLabel}: ${row.reason}` : row.statusLabel,
        row.durationMs === null ? '' : ` · ${row.durationMs} ms`,
        ` · attempt ${row.attempt}`,
      ]),
      ...block('Request headers', headerText(row.requestHeaders)),
      ...block('Request body', formatBody(row.requestBody, type(row.requestHeaders))),
      ...block(
        'Response headers',
        row.state === 'done' ? headerText(row.responseHeaders) : '(no response)',
      ),
      ...block(
        'Response body',
        row.state === 'done'
          ? formatBody(row.responseBody, type(row.responseHeaders))
          : '(no response)',
      ),
    );
  }
}
