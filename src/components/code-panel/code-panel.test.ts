// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditorMarker, EditorOptions, ExampleEditor } from '../../editor/create-editor.ts';
import { CodePanel, offsetAtPoint, type CodePanelOptions } from './code-panel.ts';

const ORIGINAL = "const response = await fetch('/users/1');\nconsole.log(response.status);";
const KEY = 'edits:example/test';

/** Stands in for Monaco: holds text, a selection, focus and markers, and records resets. */
class FakeFullEditor implements ExampleEditor {
  value: string;
  selection = { start: 0, end: 0 };
  focused = false;
  markers: EditorMarker[] = [];
  resets: string[] = [];
  /** The code Monaco was created with. */
  readonly initial: string;
  constructor(readonly options: EditorOptions) {
    this.value = this.initial = options.code;
    options.container.append(Object.assign(document.createElement('div'), { className: 'fake' }));
  }
  getValue = () => this.value;
  reset = (code: string) => {
    this.resets.push(code);
    this.value = code;
    this.options.onChange?.();
  };
  type(text: string) {
    this.value += text;
    this.options.onChange?.();
  }
  setMarkers = (markers: EditorMarker[]) => void (this.markers = markers);
  setTheme = () => undefined;
  getSelection = () => this.selection;
  setSelection = (start: number, end: number) => void (this.selection = { start, end });
  hasFocus = () => this.focused;
  focus = () => void (this.focused = true);
  dispose = () => undefined;
}

/** A full editor whose load the test finishes when it wants, as a slow network would. */
function slowLoad() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const made: FakeFullEditor[] = [];
  const load = vi.fn(async (options: EditorOptions) => {
    await gate;
    const editor = new FakeFullEditor(options);
    made.push(editor);
    return editor;
  });
  return { load, finish, fail, made };
}

function setUp(overrides: Partial<CodePanelOptions> = {}) {
  const host = document.createElement('div');
  const staticCode = document.createElement('div');
  staticCode.className = 'static';
  staticCode.tabIndex = 0;
  staticCode.innerHTML = `<pre><code>${ORIGINAL.split('\n')
    .map((line) => `<span class="line">${line}</span>`)
    .join('\n')}</code></pre>`;
  host.append(staticCode);
  document.body.replaceChildren(host);
  const slow = slowLoad();
  const onRun = vi.fn();
  const onChange = vi.fn();
  const stages: string[] = [];
  const panel = new CodePanel({
    staticCode,
    original: ORIGINAL,
    storageKey: KEY,
    title: 'First request',
    editorClass: 'live-editor',
    editedTitle: 'Edited here',
    whatIsKept: 'edits here',
    withoutStorage: 'The example still works.',
    onRun,
    onChange,
    onStageChange: (stage) => stages.push(stage),
    loadFullEditor: slow.load,
    plainOnly: () => false,
    prefetch: () => undefined,
    ...overrides,
  });
  host.append(panel.edited, panel.notice);
  const textarea = () => panel.editorHost.querySelector('textarea');
  /** Types into the plain editor as the browser would: the value changes, then an input event. */
  const typeInPlain = (text: string) => {
    const field = textarea()!;
    field.value += text;
    field.dispatchEvent(new Event('input'));
  };
  return { panel, staticCode, slow, onRun, onChange, stages, textarea, typeInPlain };
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('CodePanel', () => {
  it('shows the static code, and no editor, until the reader means to edit', () => {
    const { panel, staticCode, slow, textarea } = setUp();
    expect(staticCode.hidden).toBe(false);
    expect(panel.editorHost.hidden).toBe(true);
    expect(textarea()).toBeNull();
    expect(panel.stage).toBe('none');
    expect(panel.code).toBe(ORIGINAL);
    expect(slow.load).not.toHaveBeenCalled();
  });

  it('a press on the code gives a focused text area at once, and Monaco takes over with text, caret and focus', async () => {
    const { panel, staticCode, slow, stages, textarea, typeInPlain } = setUp();
    staticCode.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0 }));
    // Synchronous: the next key lands in the editor, before anything has loaded.
    expect(textarea()).not.toBeNull();
    expect(document.activeElement).toBe(textarea());
    expect(textarea()!.getAttribute('aria-label')).toBe('Code editor: First request');
    expect(staticCode.hidden).toBe(true);
    expect(panel.stage).toBe('typing');
    const loading = panel.editorHost.querySelector<HTMLElement>('.code-editor-loading')!;
    expect(loading.hidden).toBe(false);
    expect(loading.textContent).toMatch(/full editor .* is loading/);

    typeInPlain('\n// typed while Monaco loads');
    textarea()!.setSelectionRange(5, 9);
    slow.finish();
    const editor = await panel.open();
    const full = slow.made[0]!;
    expect(editor).toBe(full);
    expect(full.getValue()).toBe(`${ORIGINAL}\n// typed while Monaco loads`);
    expect(full.selection).toEqual({ start: 5, end: 9 });
    expect(full.focused).toBe(true);
    expect(textarea()).toBeNull();
    expect(panel.stage).toBe('ready');
    expect(stages).toEqual(['typing', 'ready']);
    expect(loading.hidden).toBe(true);
    expect(slow.load).toHaveBeenCalledTimes(1);
  });

  it('Enter on the focused code opens the editor with the caret at the start, without a new line', async () => {
    const { panel, staticCode, textarea } = setUp();
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    staticCode.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(textarea());
    expect(textarea()!.selectionStart).toBe(0);
    expect(panel.code).toBe(ORIGINAL);
  });

  it('ignores presses on the copy button', () => {
    const { staticCode, textarea } = setUp();
    const copy = document.createElement('button');
    staticCode.append(copy);
    copy.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0 }));
    expect(textarea()).toBeNull();
  });

  it('saves edits after a pause, marks them Edited, and forgets them when the code is the original again', async () => {
    vi.useFakeTimers();
    const { panel, onChange, typeInPlain, textarea } = setUp();
    void panel.open({ focus: true });
    typeInPlain(' // mine');
    expect(onChange).toHaveBeenCalled();
    expect(panel.edited.hidden).toBe(false);
    expect(localStorage.getItem(KEY)).toBeNull(); // debounced
    vi.advanceTimersByTime(300);
    expect(JSON.parse(localStorage.getItem(KEY)!).code).toBe(`${ORIGINAL} // mine`);

    textarea()!.value = ORIGINAL;
    textarea()!.dispatchEvent(new Event('input'));
    vi.advanceTimersByTime(300);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(panel.edited.hidden).toBe(true);
  });

  it('saves at once when the page is left, before the pause is over', () => {
    const { panel, typeInPlain } = setUp();
    void panel.open({ focus: true });
    typeInPlain('\n// last keystrokes');
    dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(localStorage.getItem(KEY)!).code).toContain('// last keystrokes');
    panel.disconnect();
  });

  it('opens with the saved edit, marked Edited, and preload keeps the static code until Monaco is ready', async () => {
    localStorage.setItem(KEY, JSON.stringify({ code: 'console.log("saved");', savedAt: 1 }));
    const { panel, staticCode, slow, textarea } = setUp();
    expect(panel.code).toBe('console.log("saved");');
    expect(panel.isEdited).toBe(true);
    expect(panel.edited.hidden).toBe(false);
    const ready = panel.preload();
    expect(textarea()).toBeNull();
    expect(staticCode.hidden).toBe(false);
    slow.finish();
    await ready;
    expect(staticCode.hidden).toBe(true);
    expect(slow.made[0]!.getValue()).toBe('console.log("saved");');
    expect(slow.made[0]!.focused).toBe(false);
  });

  it('Reset puts the original back as one edit in the editor that stays, and is undoable there', async () => {
    const { panel, slow, typeInPlain } = setUp();
    void panel.open({ focus: true });
    typeInPlain(' // mine');
    const resetting = panel.reset();
    slow.finish();
    expect(await resetting).toBe(true);
    const full = slow.made[0]!;
    // Monaco opened with the reader's code, then the reset is its own edit (Ctrl+Z brings it back).
    expect(full.initial).toBe(`${ORIGINAL} // mine`);
    expect(full.resets).toEqual([ORIGINAL]);
    expect(panel.code).toBe(ORIGINAL);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(panel.edited.hidden).toBe(true);
  });

  it('Reset with no editor open forgets a saved edit and says there is nothing to undo', async () => {
    localStorage.setItem(KEY, JSON.stringify({ code: 'old', savedAt: 1 }));
    const { panel, slow } = setUp();
    expect(await panel.reset()).toBe(false);
    expect(panel.code).toBe(ORIGINAL);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(slow.load).not.toHaveBeenCalled();
  });

  it('on a touch or narrow screen keeps the plain editor and never loads Monaco', async () => {
    const { panel, slow, textarea } = setUp({ plainOnly: () => true });
    const editor = await panel.open({ focus: true });
    expect(textarea()).not.toBeNull();
    expect(editor?.getValue()).toBe(ORIGINAL);
    expect(panel.stage).toBe('ready');
    expect(panel.editorHost.querySelector('.code-editor-loading')!.hasAttribute('hidden')).toBe(
      true,
    );
    expect(slow.load).not.toHaveBeenCalled();
  });

  it('when Monaco cannot load (offline), keeps the plain editor and the code, and says why', async () => {
    const { panel, slow, textarea, typeInPlain } = setUp();
    void panel.open({ focus: true });
    typeInPlain(' // offline edit');
    slow.fail(new Error('Failed to fetch dynamically imported module'));
    const editor = await panel.open();
    expect(editor?.getValue()).toBe(`${ORIGINAL} // offline edit`);
    expect(textarea()).not.toBeNull();
    expect(panel.notice.hidden).toBe(false);
    expect(panel.notice.textContent).toMatch(/needs a connection the first time/);
    expect(panel.notice.textContent).toMatch(/keep editing here/);
    expect(panel.stage).toBe('ready');
  });

  it('a failed load nobody waited for (after a Run) is tried again when the reader opens the editor', async () => {
    const { panel, slow, staticCode } = setUp();
    const first = panel.preload();
    slow.fail(new Error('offline'));
    expect(await first).toBeNull();
    expect(staticCode.hidden).toBe(false);
    expect(panel.notice.hidden).toBe(true);
    void panel.open({ focus: true });
    expect(slow.load).toHaveBeenCalledTimes(2);
  });

  it('compile-error markers set before Monaco arrives are shown in it', async () => {
    const { panel, slow } = setUp();
    const marker = { message: 'Expected ;', line: 1, column: 5, length: 1 };
    const marking = panel.setMarkers([marker]);
    slow.finish();
    await marking;
    expect(slow.made[0]!.markers).toEqual([marker]);
  });

  it('Ctrl+Enter in the plain editor runs', () => {
    const { panel, onRun, textarea } = setUp();
    void panel.open({ focus: true });
    textarea()!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }),
    );
    expect(onRun).toHaveBeenCalledTimes(1);
  });

  it('warns once, in words, when storage is full, and keeps the code', async () => {
    vi.useFakeTimers();
    const { panel, typeInPlain } = setUp();
    vi.stubGlobal('localStorage', {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    void panel.open({ focus: true });
    typeInPlain(' // a');
    vi.advanceTimersByTime(300);
    expect(panel.notice.textContent).toMatch(
      /storage for this site is full, so edits here will not be kept.*still works/,
    );
    panel.hideNotice();
    typeInPlain(' // b');
    vi.advanceTimersByTime(300);
    expect(panel.notice.hidden).toBe(true);
    expect(panel.code).toBe(`${ORIGINAL} // a // b`);
    vi.unstubAllGlobals();
  });
});

describe('offsetAtPoint', () => {
  function staticBlock(lines: string[]) {
    const block = document.createElement('div');
    block.innerHTML = `<pre><code>${lines.map((line) => `<span class="line"><span>${line}</span></span>`).join('\n')}</code></pre>`;
    document.body.replaceChildren(block);
    return block;
  }
  function pointAt(block: HTMLElement, line: number, offset: number) {
    const text = block.querySelectorAll('.line')[line]!.firstChild!.firstChild!;
    (
      document as unknown as { caretPositionFromPoint: () => { offsetNode: Node; offset: number } }
    ).caretPositionFromPoint = () => ({ offsetNode: text, offset });
  }

  it('maps a press on a shown line to the same place in the code', () => {
    const block = staticBlock(['const a = 1;', 'const b = 2;']);
    pointAt(block, 1, 6);
    expect(offsetAtPoint(block, 'const a = 1;\nconst b = 2;', 0, 0)).toBe(13 + 6);
  });

  it('finds the line by its text when the code holds more than is shown (helpers above)', () => {
    const block = staticBlock(['const b = 2;']);
    pointAt(block, 0, 2);
    const code = '// #region helpers\nconst a = 1;\n// #endregion\nconst b = 2;';
    expect(offsetAtPoint(block, code, 0, 0)).toBe(code.indexOf('const b') + 2);
  });

  it('gives up (null) on a line the code does not have', () => {
    const block = staticBlock(['something else']);
    pointAt(block, 0, 2);
    expect(offsetAtPoint(block, 'const a = 1;', 0, 0)).toBeNull();
  });
});
