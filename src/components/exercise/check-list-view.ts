/**
 * Renders judged results into the exercise's "Checks" list: one item per check with its verdict,
 * what was expected and what came back, the requests that matter, and the check's code behind a
 * disclosure. The list is in the static HTML already (names and code); this fills in verdicts.
 */
import type { Results, TestResult } from '../../checker/judge.ts';
import { traceFeedback } from '../../checker/trace-feedback.ts';
import { networkRowText, pointsText, statusLabel } from './results-summary.ts';
import { element } from '../../lib/dom.ts';

function codeDisclosure(code: string): HTMLDetailsElement {
  const details = element('details', 'check-code');
  const summary = element('summary', '', 'Check code');
  const pre = document.createElement('pre');
  const block = document.createElement('code');
  block.textContent = code;
  pre.append(block);
  details.append(summary, pre);
  return details;
}

function valueRow(list: HTMLDListElement, label: string, value: string): void {
  const term = element('dt', '', label);
  const description = document.createElement('dd');
  const code = document.createElement('code');
  code.textContent = value;
  description.append(code);
  list.append(term, description);
}

/** The check's requests on its virtual clock, with the waits it expected; loaded when first needed. */
async function drawTimeline(host: HTMLElement, test: TestResult): Promise<void> {
  const [{ TimelineView }, { layoutTimeline, requestsFromEntries }] = await Promise.all([
    import('../../examples/timeline-view.ts'),
    import('../../examples/timeline-layout.ts'),
  ]);
  const view = new TimelineView({ clock: 'virtual' });
  view.update(
    layoutTimeline({
      requests: requestsFromEntries(test.network ?? []),
      consoleMs: [],
      endMs: test.clockMs,
      expected: test.expectedWaits,
    }),
    true,
  );
  host.replaceChildren(view.element);
}

export function itemFor(test: TestResult): HTMLLIElement {
  const item = element('li', 'check-item');
  item.dataset.status = test.status;
  item.append(
    element('span', 'check-name', test.name),
    element('span', 'check-status', `${statusLabel(test.status)} · ${pointsText(test)}`),
  );
  if (test.status !== 'pass') {
    if (test.message) item.append(element('p', 'check-message', test.message));
    // What the code actually did that explains the failure, read from the check's network log.
    const feedback = traceFeedback(test);
    if (feedback.length > 0) {
      const list = element('ul', 'check-feedback');
      list.setAttribute('aria-label', 'What your code did');
      for (const entry of feedback) {
        const line = element('li', '');
        line.dataset.mistake = entry.id;
        // `backticks` in the message mark code.
        entry.message.split('`').forEach((part, index) => {
          line.append(index % 2 === 1 ? element('code', '', part) : document.createTextNode(part));
        });
        list.append(line);
      }
      item.append(list);
    }
    if (test.expected !== undefined || test.actual !== undefined) {
      const values = element('dl', 'check-values');
      if (test.expected !== undefined) valueRow(values, 'Expected', test.expected);
      if (test.actual !== undefined) valueRow(values, 'Actual', test.actual);
      item.append(values);
    }
    const rows = test.network ?? [];
    const requests = element('div', 'check-network');
    requests.append(
      element(
        'p',
        'check-network-title',
        rows.length === 0 ? 'Your code made no request.' : 'Requests your code made:',
      ),
    );
    if (rows.length > 0) {
      const timeline = element('div', 'check-timeline');
      requests.append(timeline);
      void drawTimeline(timeline, test);
      const list = element('ol', 'check-network-rows');
      for (const row of rows) list.append(element('li', '', networkRowText(row)));
      requests.append(list);
    }
    item.append(requests);
  }
  item.append(codeDisclosure(test.code));
  return item;
}

/** Shows one check's verdict as soon as it is known (the list is replaced in full at the end). */
export function renderResult(list: HTMLElement, test: TestResult, index: number): void {
  const items = list.querySelectorAll<HTMLElement>(':scope > .check-item');
  const item = items[index];
  if (item) item.replaceWith(itemFor(test));
}

export function renderResults(list: HTMLElement, results: Results): void {
  if (results.tests.length === 0) {
    // Nothing was judged (the code does not compile): say so on every check, never "failed".
    for (const item of list.querySelectorAll<HTMLElement>('.check-item')) {
      item.dataset.status = 'not-run';
      const status = item.querySelector('.check-status');
      if (status) status.textContent = 'not checked: your code could not be run';
      item
        .querySelectorAll('.check-message, .check-values, .check-network')
        .forEach((node) => node.remove());
    }
    return;
  }
  list.replaceChildren(...results.tests.map(itemFor));
}

/** Marks every check as being checked, while Check runs. */
export function markChecking(list: HTMLElement): void {
  for (const item of list.querySelectorAll<HTMLElement>('.check-item')) {
    item.dataset.status = 'checking';
    const status = item.querySelector('.check-status');
    if (status) status.textContent = 'checking…';
  }
}
