/**
 * <live-example>: upgrades a highlighted code block into a live example (editor, Run/Stop/Reset/Share,
 * Simulate, Console, Network, status line). Without JavaScript the element is inert and the code
 * block is all there is. This script stays small: Monaco is loaded when the reader clicks into the
 * code or presses Run, and the compiler is warmed up when the pointer or focus first comes near.
 */
import type { ExampleEditor } from '../../editor/create-editor.ts';
import { loadEditor } from '../../editor/load-editor.ts';
import { createPlainEditor, prefersPlainEditor } from '../../editor/plain-editor.ts';
import { isScenarioId } from '../../../mock-api/scenarios.ts';
import { NetworkTable } from '../../examples/network-table.ts';
import {
  clearEdit,
  editKey,
  legacyEditKey,
  loadEdit,
  migrateEdit,
  saveEdit,
} from '../../examples/saved-edits.ts';
import { decodeShareHash, encodeShareHash, isShareHash } from '../../examples/share-link.ts';
import { createSimulatePicker, type SimulatePicker } from '../../examples/simulate-picker.ts';
import type { Diagnostic, RunError, RunEvent } from '../../runner/protocol.ts';
import { assertNever } from '../../runner/assert-never.ts';
import type { RunHandle } from '../../runner/runner.ts';
import type { RunRecord } from '../../runner/run-record.ts';
import { ConsoleView } from './console-view.ts';
import { getRunner, pageCompiler, prepareSandboxWhenIdle } from './runner-instance.ts';
import { IDLE_STATUS, consoleTextFor, statusFor } from './run-status.ts';

const LINE_HEIGHT_PX = 20;

function button(label: string, className: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.className = `live-button ${className}`;
  return element;
}

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

/** A stable id for an example within its lesson, from its title (titles are unique per lesson). */
export function exampleIdFor(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'example'
  );
}

function lessonSlug(): string {
  return location.pathname.replace(/\/+$/, '').split('/').pop() || 'home';
}

let instances = 0;

export class LiveExampleElement extends HTMLElement {
  #code = '';
  #editor: ExampleEditor | null = null;
  #editorLoading: Promise<ExampleEditor | null> | null = null;
  #run: RunHandle | null = null;
  #console = new ConsoleView();
  #status = document.createElement('p');
  #runButton = button('Run', 'live-run');
  #stopButton = button('Stop', 'live-stop');
  #resetButton = button('Reset', 'live-reset');
  #static: HTMLElement | null = null;
  #shareButton = button('Share', 'live-share');
  #editorHost = document.createElement('div');
  #themeObserver: MutationObserver | null = null;
  #picker!: SimulatePicker;
  #network!: NetworkTable;
  #notice = document.createElement('div');
  #edited = document.createElement('span');
  /** The code the editor opens with: the lesson's, or the reader's saved edit. */
  #startCode = '';
  #storageKey = '';
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #storageWarned = false;

  #record: RunRecord | null = null;

  /** The record of the last run that ended (src/runner/run-record.ts), for scripts and tests. */
  get record(): RunRecord | null {
    return this.#record;
  }

  /** The example's stable id (its fence's `id`). */
  get exampleId(): string {
    return this.dataset.id ?? this.legacyId;
  }

  /** The id examples had before explicit ids: a slug of the title. Old share links carry it. */
  get legacyId(): string {
    return exampleIdFor(this.dataset.title ?? 'example');
  }

  /** The code as it stands (the editor's, or the saved or original code before it loads). */
  get code(): string {
    return this.#editor?.getValue() ?? this.#startCode;
  }

  connectedCallback(): void {
    if (this.dataset.upgraded) return;
    this.dataset.upgraded = 'true';
    this.dataset.state = 'idle';
    const idPrefix = `live-${++instances}`;
    this.#code = this.dataset.code ?? '';
    if (this.dataset.compiled) pageCompiler.register(this.#code, this.dataset.compiled);
    prepareSandboxWhenIdle();
    this.#static = this.querySelector<HTMLElement>('.live-example-static');
    // A reader starts editing from the code, by click or by Enter, so the block takes focus. (Not
    // its <pre>: Expressive Code's own script removes a tabindex from a <pre> that does not scroll,
    // and these wrap.)
    if (this.#static) {
      this.#static.tabIndex = 0;
      this.#static.setAttribute('role', 'group');
      this.#static.setAttribute('aria-label', `Code: ${this.dataset.title ?? 'Example'}`);
    }
    this.#storageKey = editKey(this.exampleId);
    migrateEdit(legacyEditKey(lessonSlug(), this.legacyId), this.#storageKey);
    const saved = loadEdit(this.#storageKey);
    this.#startCode = saved && saved.code !== this.#code ? saved.code : this.#code;

    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', this.dataset.title ?? 'Example');

    this.#editorHost.className = 'live-editor';
    this.#editorHost.hidden = true;
    const lines = this.#startCode.split('\n').length;
    this.#editorHost.style.height = `${Math.min(30, Math.max(4, lines + 1)) * LINE_HEIGHT_PX + 16}px`;

    const toolbar = document.createElement('div');
    toolbar.className = 'live-toolbar';
    this.#stopButton.disabled = true;
    this.#edited.className = 'live-edited';
    this.#edited.textContent = 'Edited';
    this.#edited.title =
      'This example shows your edited code. Reset brings back the lesson’s version.';
    this.#edited.hidden = true;
    const hint = document.createElement('span');
    hint.className = 'live-hint';
    hint.textContent =
      'Click the code (or press Enter on it) to edit. In the editor, Esc then Tab moves on.';
    toolbar.append(
      this.#runButton,
      this.#stopButton,
      this.#resetButton,
      this.#shareButton,
      this.#edited,
      hint,
    );

    const preset = this.dataset.scenario;
    const initialScenario = preset && isScenarioId(preset) ? preset : 'normal';
    this.#picker = createSimulatePicker(idPrefix, initialScenario);

    this.#notice.className = 'live-notice';
    this.#notice.setAttribute('aria-live', 'polite');
    this.#notice.hidden = true;

    this.#status.className = 'live-status';
    this.#status.setAttribute('role', 'status');
    this.#status.textContent = IDLE_STATUS;

    const consolePanel = this.#panel('Console', this.#console.element, () => this.#console.clear());
    const networkHost = document.createElement('div');
    this.#network = new NetworkTable(networkHost, idPrefix);
    const networkPanel = this.#panel('Network', networkHost, () => this.#network.clear());
    const panels = document.createElement('div');
    panels.className = 'live-panels';
    panels.append(consolePanel, networkPanel);

    (this.#static ?? this).after(
      this.#editorHost,
      toolbar,
      this.#picker.element,
      this.#notice,
      this.#status,
      panels,
    );
    this.classList.add('is-live');

    this.#runButton.addEventListener('click', () => this.run());
    this.#stopButton.addEventListener('click', () => this.#run?.stop());
    this.#resetButton.addEventListener('click', () => this.reset());
    this.#shareButton.addEventListener('click', () => void this.share());
    // Reading the code is free; starting to edit it loads the editor.
    this.#static?.addEventListener('pointerdown', (event) => this.#onStaticIntent(event));
    this.#static?.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key.length === 1) this.#onStaticIntent(event);
    });
    this.addEventListener('pointerenter', () => this.#warmUp(), { once: true });
    this.addEventListener('focusin', () => this.#warmUp(), { once: true });
    // Saving is debounced; leaving the page must not lose the last keystrokes.
    addEventListener('pagehide', () => this.#saveNow());

    if (this.#startCode !== this.#code) {
      // The reader edited this example before: show their code, marked, straight away.
      this.#edited.hidden = false;
      void this.#ensureEditor(false);
    }
  }

  #panel(name: string, content: HTMLElement, clear: () => void): HTMLElement {
    const section = document.createElement('section');
    section.className = `live-panel live-panel-${name.toLowerCase()}`;
    const header = document.createElement('div');
    header.className = 'live-panel-header';
    const heading = document.createElement('h3');
    heading.textContent = name;
    const clearButton = button('Clear', 'live-small');
    clearButton.setAttribute('aria-label', `Clear ${name.toLowerCase()}`);
    clearButton.addEventListener('click', clear);
    header.append(heading, clearButton);
    section.append(header, content);
    return section;
  }

  disconnectedCallback(): void {
    this.#run?.stop();
    this.#themeObserver?.disconnect();
    this.#saveNow();
  }

  /** Runs the current code; a run already in progress is stopped first. */
  run(): void {
    this.#run?.stop();
    const code = this.#editor?.getValue() ?? this.#startCode;
    this.#saveNow();
    this.#editor?.setMarkers([]);
    this.#console.clear();
    this.#network.clear();
    let firstError: RunError | null = null;
    this.#setRunning(true);
    const handle = getRunner().run(
      code,
      {
        scenario: this.#picker.value,
        timeLimitMs: Number(this.dataset.timeout) || undefined,
        // Lessons run on the real clock; a page (or a benchmark) may set data-clock="virtual".
        clock: this.dataset.clock === 'virtual' ? 'virtual' : 'real',
      },
      (event) => {
        if (event.type === 'error') firstError ??= event.error;
        if (event.type === 'compiling' || event.type === 'started') {
          this.dataset.state = event.type === 'compiling' ? 'compiling' : 'running';
        }
        this.#show(event, firstError);
      },
    );
    this.#run = handle;
    // The reader will want to edit next: load the editor, but after this run so they do not compete.
    void handle.done.then((record) => {
      // Machines read state, not sentences: scripts and tests wait on data-state.
      if (this.#run === handle) {
        this.#record = record;
        this.dataset.state = record.outcome ?? 'crashed';
      }
      void this.#ensureEditor(false);
      if (this.#run === handle) {
        this.#run = null;
        this.#setRunning(false);
      }
    });
  }

  /** Puts the lesson's code back (undoable in the editor) and clears the output. */
  reset(): void {
    this.#run?.stop();
    this.#editor?.reset(this.#code);
    this.#editor?.setMarkers([]);
    this.#console.clear();
    this.#network.clear();
    this.#hideNotice();
    this.#saveNow();
    this.#status.textContent = this.#editor
      ? 'Code reset to the lesson’s version. Press Ctrl+Z in the editor to undo.'
      : IDLE_STATUS;
  }

  /** Copies a link that opens this lesson with the reader's code in this example. */
  async share(): Promise<void> {
    const code = this.#editor?.getValue() ?? this.#startCode;
    let url: string;
    try {
      url = `${location.origin}${location.pathname}${await encodeShareHash(this.exampleId, code)}`;
    } catch (error) {
      this.#showNotice(error instanceof Error ? error.message : String(error), 'error');
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      this.#showNotice(
        'Link copied. Whoever opens it sees your code in this example; nothing runs until they press Run.',
      );
    } catch {
      // Clipboard access can be refused; offer the link to copy by hand instead.
      const field = document.createElement('input');
      field.readOnly = true;
      field.value = url;
      field.setAttribute('aria-label', 'Share link');
      field.className = 'live-share-field';
      this.#showNotice('Copy this link (the browser did not allow copying it for you):', 'info', [
        field,
      ]);
      field.select();
    }
  }

  /**
   * Opens code from a shared link without running it. If the reader has their own saved edits here,
   * they choose which to keep.
   */
  openShared(code: string): void {
    const saved = loadEdit(this.#storageKey);
    const current = this.#editor?.getValue() ?? this.#startCode;
    if (code === current) {
      this.#showNotice('The shared link has the same code as this example. Nothing was changed.');
      return;
    }
    const apply = () => {
      this.#startCode = code;
      void this.#ensureEditor(false).then((editor) => {
        editor?.reset(code);
        this.#saveNow();
        this.#showNotice(
          'Opened the code from a shared link. It has not been run: read it, then press Run.',
        );
      });
    };
    if (saved && saved.code !== this.#code && saved.code !== code) {
      const useShared = button('Use the shared code', 'live-small');
      const keep = button('Keep my code', 'live-small');
      useShared.addEventListener('click', apply);
      keep.addEventListener('click', () =>
        this.#showNotice('Kept your code. The shared code was not opened.'),
      );
      this.#showNotice(
        'This link contains different code for this example than your saved edits. Which do you want?',
        'warning',
        [useShared, keep],
      );
      useShared.focus();
      return;
    }
    apply();
  }

  /** Shows a message about this example (share links, storage) next to its controls. */
  showMessage(text: string, kind: 'info' | 'warning' | 'error' = 'info'): void {
    this.#showNotice(text, kind);
  }

  #showNotice(
    text: string,
    kind: 'info' | 'warning' | 'error' = 'info',
    extra: HTMLElement[] = [],
  ): void {
    const message = document.createElement('span');
    message.textContent = text;
    this.#notice.dataset.kind = kind;
    // Not role=status: the example's status line owns that role. A live region still announces it.
    if (kind === 'error') this.#notice.setAttribute('role', 'alert');
    else this.#notice.removeAttribute('role');
    this.#notice.replaceChildren(message, ...extra);
    this.#notice.hidden = false;
  }

  #hideNotice(): void {
    this.#notice.hidden = true;
    this.#notice.replaceChildren();
  }

  /**
   * The pointer or focus came near: boot a sandbox, and fetch what the next Run needs. Code the build
   * compiled needs only its small JSON file; anything else needs the compiler (esbuild-wasm).
   */
  #warmUp(): void {
    const code = this.#editor?.getValue() ?? this.#startCode;
    if (pageCompiler.has(code)) {
      pageCompiler.prefetch(code);
      warmUpOnce({ compiler: false });
    } else {
      warmUpOnce({ compiler: true });
    }
  }

  #onEdit(): void {
    // The reader is editing: their next Run needs the compiler, so start loading it now.
    if (this.#editor?.getValue() !== this.#code) warmUpOnce({ compiler: true });
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#saveNow(), 250);
    this.#edited.hidden = (this.#editor?.getValue() ?? this.#code) === this.#code;
  }

  /** Saves the editor's code now: the lesson's own code is not an edit, so it clears the entry. */
  #saveNow(): void {
    clearTimeout(this.#saveTimer);
    if (!this.#editor) return;
    const code = this.#editor.getValue();
    this.#edited.hidden = code === this.#code;
    if (code === this.#code) {
      clearEdit(this.#storageKey);
      return;
    }
    const outcome = saveEdit(this.#storageKey, code);
    if (outcome !== 'saved' && !this.#storageWarned) {
      this.#storageWarned = true;
      this.#showNotice(
        outcome === 'full'
          ? 'Your browser’s storage for this site is full, so edits here will not be kept after you leave the page. The example still works.'
          : 'This browser does not let the site store data, so edits here will not be kept after you leave the page. The example still works.',
        'warning',
      );
    }
  }

  #show(event: RunEvent, firstError: RunError | null): void {
    switch (event.type) {
      case 'network':
        this.#network.apply(event.event);
        break;
      case 'console':
        this.#console.addCall(event.method, event.args, event.depth);
        break;
      case 'compile-failed':
        this.#addConsoleText(event, 'error');
        void this.#showMarkers(event.diagnostics);
        break;
      case 'error':
        this.#addConsoleText(event, 'error');
        if (event.error.position) {
          const { line, column } = event.error.position;
          const message = `${event.error.name}: ${event.error.message}`;
          void this.#showMarkers([{ message, line, column, length: 200, severity: 'error' }]);
        }
        break;
      case 'output-dropped':
        this.#addConsoleText(event, 'system');
        break;
      case 'compiling':
      case 'started':
      case 'finished':
      case 'waiting-forever':
      case 'stopped':
      case 'timed-out':
      case 'crashed':
      case 'checks-listed':
      case 'program-loaded':
      case 'check-result':
        break;
      default:
        assertNever(event);
    }
    const status = statusFor(event, firstError);
    if (status) {
      this.#console.flush();
      this.#network.flush(event);
      this.#status.textContent = status;
    }
  }

  #addConsoleText(event: RunEvent, kind: 'error' | 'system'): void {
    for (const text of consoleTextFor(event)) this.#console.add(text, kind);
  }

  async #showMarkers(diagnostics: Diagnostic[]): Promise<void> {
    const editor = await this.#ensureEditor(false);
    editor?.setMarkers(diagnostics);
  }

  #setRunning(running: boolean): void {
    this.#stopButton.disabled = !running;
    this.classList.toggle('is-running', running);
  }

  #onStaticIntent(event: Event): void {
    // The copy button belongs to the static block; copying is not editing.
    if ((event.target as Element).closest('button')) return;
    // The reader means to edit: load the compiler beside the editor, so their first Run does not wait.
    warmUpOnce({ compiler: true });
    void this.#ensureEditor(true);
  }

  #ensureEditor(focus: boolean): Promise<ExampleEditor | null> {
    const options = {
      container: this.#editorHost,
      code: this.#startCode,
      label: `Code editor: ${this.dataset.title ?? 'example'}`,
      dark: isDark(),
      onRun: () => this.run(),
      onChange: () => this.#onEdit(),
    };
    const plain = prefersPlainEditor();
    this.#editorLoading ??= (
      plain ? Promise.resolve(createPlainEditor(options)) : loadEditor(options)
    ).then(
      (editor) => {
        this.#editor = editor;
        this.#editorHost.hidden = false;
        if (plain) this.#editorHost.style.height = '';
        if (this.#static) this.#static.hidden = true;
        this.dataset.editor = 'ready';
        this.#themeObserver = new MutationObserver(() => editor.setTheme(isDark()));
        this.#themeObserver.observe(document.documentElement, { attributeFilter: ['data-theme'] });
        return editor;
      },
      (error: unknown) => {
        this.#editorLoading = null;
        this.#console.add(
          `The editor failed to load (${error instanceof Error ? error.message : String(error)}). You can still run the code as shown; reload the page to edit it.`,
          'system',
        );
        return null;
      },
    );
    if (focus) void this.#editorLoading.then((editor) => editor?.focus());
    return this.#editorLoading;
  }
}

let sandboxWarmedUp = false;
let compilerWarmedUp = false;

/** Warms up the page's runner once: the sandbox on first approach, the compiler once it is needed. */
function warmUpOnce({ compiler }: { compiler: boolean }): void {
  if (compiler ? compilerWarmedUp : sandboxWarmedUp) return;
  sandboxWarmedUp = true;
  compilerWarmedUp ||= compiler;
  void getRunner()
    .warmUp({ compiler })
    .catch(() => {
      // A failed warm-up is reported by the next run, which retries.
    });
}

/**
 * Opens a shared link (`#share=...`) in its example. It never runs anything, and a damaged link only
 * produces a message; the hash is then removed so a reload does not ask again.
 */
async function openShareLink(): Promise<void> {
  if (!isShareHash(location.hash)) return;
  const examples = [...document.querySelectorAll<LiveExampleElement>('live-example')];
  const first = examples[0];
  if (!first) return;
  const result = await decodeShareHash(location.hash);
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  // Links made before examples had ids name the example by a slug of its title.
  const target =
    examples.find((example) => example.exampleId === result.exampleId) ??
    examples.find((example) => example.legacyId === result.exampleId);
  if (!result.ok) {
    (target ?? first).showMessage(result.message, 'error');
    (target ?? first).scrollIntoView({ block: 'center' });
  } else if (!target) {
    first.showMessage(
      `This shared link is for an example (“${result.exampleId}”) that is not in this lesson any more, so it could not be opened. The lesson’s own code is shown.`,
      'error',
    );
    first.scrollIntoView({ block: 'center' });
  } else {
    target.openShared(result.code);
    target.scrollIntoView({ block: 'center' });
  }
}

if (!customElements.get('live-example')) {
  customElements.define('live-example', LiveExampleElement);
  void openShareLink();
  addEventListener('hashchange', () => void openShareLink());
}
