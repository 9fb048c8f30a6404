/**
 * The code panel that live examples and exercises share: the build's highlighted code, which becomes
 * an editor the moment the reader clicks it or starts typing on it.
 *
 * A click answers at once: a plain text area takes the reader's keystrokes, with the caret where they
 * clicked, while Monaco loads (fetched ahead when the pointer comes near the code). Monaco then takes
 * over with the text, the selection and the focus as they stand. Touch and narrow screens keep the
 * plain editor. The panel keeps the reader's edits (debounced, and when the page is left), marks
 * them "Edited", puts the original back with an undoable Reset, and says so when storage fails.
 *
 * Code in: the original code and the key its edits are saved under. Out: `onChange` after every edit
 * and `onRun` on Ctrl+Enter. The host places `editorHost`, `edited` and `notice` where it wants them.
 */
import type { EditorMarker, EditorOptions, ExampleEditor } from '../../editor/create-editor.ts';
import { loadEditor, prefetchEditor } from '../../editor/load-editor.ts';
import { createPlainEditor, prefersPlainEditor } from '../../editor/plain-editor.ts';
import { clearEdit, loadEdit, saveEdit } from '../../examples/saved-edits.ts';

const LINE_HEIGHT_PX = 20;
const SAVE_DELAY_MS = 250;

export type NoticeKind = 'info' | 'warning' | 'error';

/** Which editor holds the code: none yet, the plain one while Monaco loads, or the one that stays. */
export type EditorStage = 'none' | 'typing' | 'ready';

export interface CodePanelOptions {
  /** The highlighted code from the build; hidden once an editor takes its place. */
  staticCode: HTMLElement | null;
  /** The course's version of the code: Reset brings it back, and it is never saved as an edit. */
  original: string;
  /** Where the reader's edits are kept in localStorage. */
  storageKey: string;
  /** Names the editor for assistive technology: "Code editor: <title>". */
  title: string;
  /** Extra class for the editor's box, for the host's own styles. */
  editorClass: string;
  /** The code's language, for the editor's colours and services. @default 'typescript' */
  language?: 'typescript' | 'python';
  /** Tooltip of the "Edited" mark: what the edit means here and how to undo it. */
  editedTitle: string;
  /** What a storage warning says is lost, e.g. "edits here" or "your code here". */
  whatIsKept: string;
  /** Added to a storage warning: what still works without storage. */
  withoutStorage: string;
  onRun: () => void;
  onChange?: () => void;
  /** The editor opened ('typing': the plain one while Monaco loads) or is final ('ready'). */
  onStageChange?: (stage: EditorStage) => void;
  /** Tests replace these; the site uses Monaco and the screen's kind. */
  loadFullEditor?: (options: EditorOptions) => Promise<ExampleEditor>;
  plainOnly?: () => boolean;
  prefetch?: () => void;
}

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

/** Where in `code` the reader pressed on the static block, or null if that cannot be told. */
export function offsetAtPoint(
  staticCode: HTMLElement,
  code: string,
  x: number,
  y: number,
): number | null {
  const doc = staticCode.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  const position = doc.caretPositionFromPoint?.(x, y);
  if (!position) return null;
  const node = position.offsetNode;
  const element = node instanceof Element ? node : node.parentElement;
  // Expressive Code renders a line as .ec-line; Shiki as span.line.
  const line = element?.closest<HTMLElement>('.ec-line, .line');
  if (!line || !staticCode.contains(line)) return null;
  const range = doc.createRange();
  range.selectNodeContents(line);
  range.setEnd(node, position.offset);
  const column = range.toString().length;
  const lines = [...staticCode.querySelectorAll<HTMLElement>('.ec-line, .line')];
  const shownIndex = lines.indexOf(line);
  const text = (line.textContent ?? '').replace(/\n$/, '');
  const codeLines = code.split('\n');
  // The code may hold more than is shown (helpers from above): find the line by its text.
  let index = codeLines[shownIndex] === text ? shownIndex : codeLines.indexOf(text, shownIndex);
  if (index < 0) index = codeLines.indexOf(text);
  if (index < 0) return null;
  const before = codeLines.slice(0, index).reduce((sum, each) => sum + each.length + 1, 0);
  return before + Math.min(column, text.length);
}

export class CodePanel {
  /** The editor's box: the host places it (the panel puts it after the static code). */
  readonly editorHost = document.createElement('div');
  /** The "Edited" mark, shown while the code differs from the original. */
  readonly edited = document.createElement('span');
  /** Messages about this code (storage, shared links, confirmations), announced politely. */
  readonly notice = document.createElement('div');

  #options: CodePanelOptions;
  #original: string;
  #startCode: string;
  #editor: ExampleEditor | null = null;
  #stage: EditorStage = 'none';
  #ready: Promise<ExampleEditor | null> | null = null;
  #plainHost = document.createElement('div');
  #fullHost = document.createElement('div');
  #loading = document.createElement('p');
  #markers: EditorMarker[] = [];
  #themeObserver: MutationObserver | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #storageWarned = false;
  #onPageHide = () => this.saveNow();

  constructor(options: CodePanelOptions) {
    this.#options = options;
    this.#original = options.original;
    const saved = loadEdit(options.storageKey);
    this.#startCode = saved && saved.code !== options.original ? saved.code : options.original;

    this.editorHost.className = `code-editor ${options.editorClass}`;
    this.editorHost.hidden = true;
    this.#fullHost.className = 'code-editor-full';
    this.#fullHost.hidden = true;
    // Monaco's box is sized before it loads, so the page does not jump when it takes over.
    const lines = this.#startCode.split('\n').length;
    this.#fullHost.style.height = `${Math.min(30, Math.max(4, lines + 1)) * LINE_HEIGHT_PX + 16}px`;
    this.#loading.className = 'code-editor-loading';
    this.#loading.textContent = 'Type away: the full editor (colours, hints, errors) is loading…';
    this.#loading.hidden = true;
    this.editorHost.append(this.#plainHost, this.#fullHost, this.#loading);

    this.edited.className = 'live-edited';
    this.edited.textContent = 'Edited';
    this.edited.title = options.editedTitle;
    this.edited.hidden = this.#startCode === this.#original;

    this.notice.className = 'live-notice';
    this.notice.setAttribute('aria-live', 'polite');
    this.notice.hidden = true;

    const staticCode = options.staticCode;
    if (staticCode) {
      staticCode.after(this.editorHost);
      staticCode.addEventListener('pointerdown', (event) => this.#onPointerDown(event));
      staticCode.addEventListener('keydown', (event) => this.#onKeyDown(event));
      const prefetch = () => {
        if (!(options.plainOnly ?? prefersPlainEditor)()) (options.prefetch ?? prefetchEditor)();
      };
      staticCode.addEventListener('pointerenter', prefetch, { once: true });
      staticCode.addEventListener('focusin', prefetch, { once: true });
    }
    // Saving is debounced; leaving the page must not lose the last keystrokes.
    addEventListener('pagehide', this.#onPageHide);
  }

  /** The code as it stands: the editor's, or the saved or original code before one opens. */
  get code(): string {
    return this.#editor?.getValue() ?? this.#startCode;
  }

  /** The course's version of the code. */
  get original(): string {
    return this.#original;
  }

  /** Whether the code differs from the original (what the "Edited" mark says). */
  get isEdited(): boolean {
    return this.code !== this.#original;
  }

  get stage(): EditorStage {
    return this.#stage;
  }

  /** Whether an editor is open (the plain one counts: it holds the code and takes keys). */
  get hasEditor(): boolean {
    return this.#editor !== null;
  }

  /**
   * Opens the editor (at once, as a plain text area if Monaco still has to load) and resolves with the
   * editor that stays: Monaco, or the plain one where Monaco is not used or failed to load.
   */
  open({
    focus = false,
    caret,
  }: { focus?: boolean; caret?: number | null } = {}): Promise<ExampleEditor | null> {
    if (!this.#editor) this.#openPlain();
    if (focus) {
      this.#editor?.focus();
      if (caret !== undefined && caret !== null) this.#editor?.setSelection(caret, caret);
    }
    return (this.#ready ??= this.#openFull());
  }

  /**
   * Loads the editor without showing the plain one meanwhile: the highlighted code stays until Monaco
   * takes its place (after a Run, the reader may edit next). A click meanwhile still answers at once.
   */
  preload(): Promise<ExampleEditor | null> {
    if (!this.#editor && (this.#options.plainOnly ?? prefersPlainEditor)()) return this.open();
    return (this.#ready ??= this.#openFull());
  }

  /**
   * Replaces the code as one edit that Ctrl+Z undoes (Reset, a shared link). It waits for the editor
   * that stays, since an edit made in the plain one would lose its undo when Monaco takes over.
   */
  async replaceCode(code: string): Promise<void> {
    const editor = (await this.open()) ?? this.#editor;
    editor?.reset(code);
    this.saveNow();
  }

  /**
   * Puts the original back. In an open editor it is one edit that Ctrl+Z undoes: resolves true then,
   * and false when no editor was open (nothing to undo: the code shown was already the original).
   */
  async reset(): Promise<boolean> {
    if (this.#editor) {
      await this.replaceCode(this.#original);
      return true;
    }
    this.#startCode = this.#original;
    clearEdit(this.#options.storageKey);
    this.edited.hidden = true;
    return false;
  }

  /** Marks compile errors in the editor; they move with the code into Monaco when it takes over. */
  async setMarkers(markers: EditorMarker[]): Promise<void> {
    this.#markers = markers;
    this.#editor?.setMarkers(markers);
    if (markers.length === 0) return;
    const editor = await this.open();
    editor?.setMarkers(this.#markers);
  }

  focus(): void {
    this.#editor?.focus();
  }

  /** Saves the code now. The original is not an edit, so it clears the saved entry. */
  saveNow(): void {
    clearTimeout(this.#saveTimer);
    if (!this.#editor) return;
    const code = this.#editor.getValue();
    this.edited.hidden = code === this.#original;
    if (code === this.#original) {
      clearEdit(this.#options.storageKey);
      return;
    }
    const outcome = saveEdit(this.#options.storageKey, code);
    if (outcome !== 'saved' && !this.#storageWarned) {
      this.#storageWarned = true;
      this.showNotice(
        `${
          outcome === 'full'
            ? `Your browser’s storage for this site is full, so ${this.#options.whatIsKept} will not be kept after you leave the page.`
            : `This browser does not let the site store data, so ${this.#options.whatIsKept} will not be kept after you leave the page.`
        } ${this.#options.withoutStorage}`,
        'warning',
      );
    }
  }

  /** Shows a message about this code next to it, with optional buttons or fields after the text. */
  showNotice(text: string, kind: NoticeKind = 'info', extra: HTMLElement[] = []): void {
    const message = document.createElement('span');
    message.textContent = text;
    this.notice.dataset.kind = kind;
    // Not role=status: the host's status line owns that role. A live region still announces it.
    if (kind === 'error') this.notice.setAttribute('role', 'alert');
    else this.notice.removeAttribute('role');
    this.notice.replaceChildren(message, ...extra);
    this.notice.hidden = false;
  }

  hideNotice(): void {
    this.notice.hidden = true;
    this.notice.replaceChildren();
  }

  /** Saves and lets go of the page: the host left the document. */
  disconnect(): void {
    this.saveNow();
    this.#themeObserver?.disconnect();
    removeEventListener('pagehide', this.#onPageHide);
  }

  #onPointerDown(event: PointerEvent): void {
    // The copy button belongs to the static block; copying is not editing.
    if ((event.target as Element).closest('button') || event.button !== 0) return;
    const staticCode = this.#options.staticCode!;
    const caret = offsetAtPoint(staticCode, this.#startCode, event.clientX, event.clientY);
    // Keep the browser from moving the focus back to the (now hidden) static code on mousedown.
    staticCode.addEventListener('mousedown', (down) => down.preventDefault(), { once: true });
    void this.open({ focus: true, caret });
  }

  #onKeyDown(event: KeyboardEvent): void {
    if ((event.target as Element).closest('button')) return;
    if (event.key === 'Enter') {
      event.preventDefault(); // Enter opens the editor; it is not a new line
      void this.open({ focus: true, caret: 0 });
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing on the code starts editing: the key lands in the editor that now has the focus.
      void this.open({ focus: true, caret: 0 });
    }
  }

  /** Puts the plain editor in the static code's place: synchronous, so the next key lands in it. */
  #openPlain(): void {
    this.#editor = createPlainEditor(this.#editorOptions(this.#plainHost, this.#startCode));
    this.editorHost.hidden = false;
    if (this.#options.staticCode) this.#options.staticCode.hidden = true;
    const plainOnly = (this.#options.plainOnly ?? prefersPlainEditor)();
    this.#loading.hidden = plainOnly;
    this.#plainHost.classList.toggle('code-editor-interim', !plainOnly);
    this.#setStage('typing');
  }

  async #openFull(): Promise<ExampleEditor | null> {
    if ((this.#options.plainOnly ?? prefersPlainEditor)()) return this.#settle(this.#editor!);
    let full: ExampleEditor;
    try {
      const codeNow = () => this.code;
      full = await (this.#options.loadFullEditor ?? loadEditor)({
        ...this.#editorOptions(this.#fullHost, ''),
        // Read when Monaco is created, so whatever was typed in the plain editor meanwhile is kept.
        get code() {
          return codeNow();
        },
      });
    } catch (error) {
      if (!this.#editor) {
        // Nobody is waiting for it (a load after a Run): try again when the reader opens the editor.
        this.#ready = null;
        return null;
      }
      this.showNotice(
        `The full editor could not load (${error instanceof Error ? error.message : String(error)}). It needs a connection the first time; you can keep editing here, and Run works as usual.`,
        'warning',
      );
      return this.#settle(this.#editor);
    }
    const interim = this.#editor;
    const code = this.code;
    if (full.getValue() !== code) full.reset(code);
    const selection = interim?.getSelection();
    const hadFocus = interim?.hasFocus() ?? false;
    this.#fullHost.hidden = false;
    this.editorHost.hidden = false;
    if (this.#options.staticCode) this.#options.staticCode.hidden = true;
    interim?.dispose();
    this.#editor = full;
    if (selection) full.setSelection(selection.start, selection.end);
    if (hadFocus) full.focus();
    if (this.#markers.length > 0) full.setMarkers(this.#markers);
    this.#themeObserver = new MutationObserver(() => full.setTheme(isDark()));
    this.#themeObserver.observe(document.documentElement, { attributeFilter: ['data-theme'] });
    return this.#settle(full);
  }

  #settle(editor: ExampleEditor): ExampleEditor {
    this.#loading.hidden = true;
    this.#setStage('ready');
    return editor;
  }

  #setStage(stage: EditorStage): void {
    this.#stage = stage;
    this.#options.onStageChange?.(stage);
  }

  #editorOptions(container: HTMLElement, code: string): EditorOptions {
    return {
      container,
      code,
      label: `Code editor: ${this.#options.title}`,
      language: this.#options.language ?? 'typescript',
      dark: isDark(),
      onRun: () => this.#options.onRun(),
      onChange: () => this.#onEdit(),
    };
  }

  #onEdit(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
    this.edited.hidden = this.code === this.#original;
    this.#options.onChange?.();
  }
}
