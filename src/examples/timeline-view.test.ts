// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { layoutTimeline, type TimelineRequest } from './timeline-layout.ts';
import { TimelineView } from './timeline-view.ts';

function requests(count: number): TimelineRequest[] {
  return Array.from({ length: count }, (_, index) => ({
    id: 100 + index,
    method: 'GET',
    label: `/users/${index}`,
    callKey: `GET /users/${index}`,
    startMs: index * 10,
    endMs: index * 10 + 5,
    outcome: '2xx',
    statusText: '200 OK',
    retryAfter: null,
  }));
}

function draw(count: number, onSelect?: (id: number) => void): TimelineView {
  const view = new TimelineView({ clock: 'virtual', ...(onSelect ? { onSelect } : {}) });
  document.body.append(view.element);
  view.update(layoutTimeline({ requests: requests(count), consoleMs: [], endMs: null }), true);
  return view;
}

const bars = (view: TimelineView) => [
  ...view.element.querySelectorAll<HTMLButtonElement>('.timeline-bar'),
];

afterEach(() => document.body.replaceChildren());

describe('TimelineView', () => {
  it('is a figure named by its caption, every bar a named button', () => {
    const view = draw(3);
    const caption = document.getElementById(view.element.getAttribute('aria-labelledby')!);
    expect(caption?.textContent).toBe('Timeline of 3 requests, 25 ms on the virtual clock');
    expect(bars(view).map((bar) => bar.getAttribute('aria-label'))).toEqual([
      'GET /users/0, attempt 1, 200 OK (success), from 0 ms to 5 ms',
      'GET /users/1, attempt 1, 200 OK (success), from 10 ms to 15 ms',
      'GET /users/2, attempt 1, 200 OK (success), from 20 ms to 25 ms',
    ]);
  });

  it('keeps one tab stop, moved by the arrow keys, and selects a bar’s request on click', () => {
    const selected: number[] = [];
    const view = draw(3, (id) => selected.push(id));
    expect(bars(view).map((bar) => bar.tabIndex)).toEqual([0, -1, -1]);
    bars(view)[0]!.focus();
    bars(view)[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(bars(view)[1]);
    expect(bars(view).map((bar) => bar.tabIndex)).toEqual([-1, 0, -1]);
    bars(view)[2]!.click();
    expect(selected).toEqual([102]);
    expect(document.activeElement).toBe(bars(view)[2]);
  });

  it('puts only the lanes in view in the page for 1,000 requests, and draws the one End reaches', () => {
    const view = draw(1000);
    const drawn = bars(view);
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(40);
    expect(view.element.textContent).toContain('Timeline of 1000 requests');
    drawn[0]!.focus();
    drawn[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    const last = document.activeElement as HTMLElement;
    expect(last.getAttribute('aria-label')).toMatch(/^GET \/users\/999,/);
    expect(last.tabIndex).toBe(0);
    // A redraw (the run goes on) keeps the reader on the same bar.
    view.update(layoutTimeline({ requests: requests(1000), consoleMs: [], endMs: null }), true);
    expect((document.activeElement as HTMLElement).getAttribute('aria-label')).toMatch(
      /^GET \/users\/999,/,
    );
  });

  it('writes what the program sent as text, never as markup', () => {
    const view = new TimelineView({ clock: 'real' });
    const [request] = requests(1);
    view.update(
      layoutTimeline({
        requests: [{ ...request!, label: '/<img src=x onerror=alert(1)>' }],
        consoleMs: [],
        endMs: 10,
      }),
      true,
    );
    expect(view.element.querySelector('img')).toBeNull();
    expect(view.element.textContent).toContain('/<img src=x onerror=alert(1)>');
  });
});
