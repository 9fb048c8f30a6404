/**
 * <live-example>: upgrades a highlighted code block into a live example (editor, Run/Stop/Reset/Share,
 * Simulate, Console, Network, status line). Without JavaScript the element is inert and the code
 * block is all there is. This script stays small: Monaco is loaded when the reader clicks into the
 * code or presses Run, and the compiler is warmed up when the pointer or focus first comes near.
 */
import { isScenarioId } from '../../../mock-api/scenarios.ts';
import { NetworkTable } from '../../examples/network-table.ts';
import { editKey, legacyEditKey, loadEdit, migrateEdit } from '../../examples/saved-edits.ts';
import { decodeShareHash, encodeShareHash, isShareHash } from '../../examples/share-link.ts';
import { createSimulatePicker, type SimulatePicker } from '../../examples/simulate-picker.ts';
import type { Diagnostic, RunError, RunEvent } from '../../runner/protocol.ts';
import { assertNever } from '../../runner/assert-never.ts';
import type { RunHandle } from '../../runner/runner.ts';
import type { RunRecord } from '../../runner/run-record.ts';
import { CodePanel } from '../code-panel/code-panel.ts';
import { ConsoleView } from './console-view.ts';
import { RunTimeline } from './run-timeline.ts';
import { getRunner, pageCompiler, prepareSandboxWhenIdle } from './runner-instance.ts';
import { IDLE_STATUS, consoleTextFor, pythonLoadingStatus, statusFor } from './run-status.ts';
import { PYTHON_DOWNLOAD_BYTES } from '../../runner/python/python-assets.ts';
import { onPythonDownload } from '../../runner/python/python-files.ts';

function button(label: string, className: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.className = `live-button ${className}`;
  return element;
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
  #codePanel!: CodePanel;
  #run: RunHandle | null = null;
  #console = new ConsoleView();
  #status = document.createElement('p');
  #runButton = button('Run', 'live-run');
  #stopButton = button('Stop', 'live-stop');
  #resetButton = button('Reset', 'live-reset');
  #shareButton = button('Share', 'live-share');
  #picker!: SimulatePicker;
  #network!: NetworkTable;
  #timeline!: RunTimeline;

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

  /** Python runs in a Python worker (python/); TypeScript is compiled first. */
  get language(): 'typescript' | 'python' {
    return this.dataset.language === 'python' ? 'python' : 'typescript';
  }

  /** The code as it stands (the editor's, or the saved or original code before it loads). */
  get code(): string {
    return this.#codePanel.code;
  }

  connectedCallback(): void {
    if (this.dataset.upgraded) return;
    this.dataset.upgraded = 'true';
    this.dataset.state = 'idle';
    const idPrefix = `live-${++instances}`;
    const code = this.dataset.code ?? '';
    if (this.dataset.compiled) pageCompiler.register(code, this.dataset.compiled);
    const python = this.language === 'python';
    const pythonUnavailable = python ? pythonUnsupportedReason() : null;
    if (!pythonUnavailable) prepareSandboxWhenIdle();
    const staticCode = this.querySelector<HTMLElement>('.live-example-static');
    const title = this.dataset.title ?? 'Example';
    // Its region's name says it is Python: a reader with a screen reader hears which it is.
    const regionName = python ? `Python: ${title}` : title;
    // A reader starts editing from the code, by click or by Enter, so the block takes focus. (Not
    // its <pre>: Expressive Code's own script removes a tabindex from a <pre> that does not scroll,
    // and these wrap.)
    if (staticCode) {
      staticCode.tabIndex = 0;
      staticCode.setAttribute('role', 'group');
      staticCode.setAttribute('aria-label', `Code: ${title}`);
    }
    const storageKey = editKey(this.exampleId);
    migrateEdit(legacyEditKey(lessonSlug(), this.legacyId), storageKey);
    this.#codePanel = new CodePanel({
      staticCode,
      original: code,
      storageKey,
      title: python ? regionName : (this.dataset.title ?? 'example'),
      editorClass: 'live-editor',
      language: this.language,
      editedTitle: 'This example shows your edited code. Reset brings back the lesson’s version.',
      whatIsKept: 'edits here',
      withoutStorage: 'The example still works.',
      onRun: () => this.run(),
      onChange: () => this.#onEdit(),
      onStageChange: (stage) => (this.dataset.editor = stage),
    });

    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', regionName);

    const toolbar = document.createElement('div');
    toolbar.className = 'live-toolbar';
    this.#stopButton.disabled = true;
    const hint = document.createElement('span');
    hint.className = 'live-hint';
    hint.textContent =
      'Click the code (or press Enter on it) to edit. In the editor, Esc then Tab moves on.';
    toolbar.append(
      this.#runButton,
      this.#stopButton,
      this.#resetButton,
      this.#shareButton,
      this.#codePanel.edited,
      hint,
    );

    const preset = this.dataset.scenario;
    const initialScenario = preset && isScenarioId(preset) ? preset : 'normal';
    this.#picker = createSimulatePicker(idPrefix, initialScenario);

    this.#status.className = 'live-status';
    this.#status.setAttribute('role', 'status');
    this.#status.textContent = pythonUnavailable ?? IDLE_STATUS;
    // Where Python cannot run, the code stays to read, edit and copy; Run says why it cannot.
    this.#runButton.disabled = pythonUnavailable !== null;

    const consolePanel = this.#panel('Console', this.#console.element, () => this.#console.clear());
    const networkHost = document.createElement('div');
    this.#network = new NetworkTable(networkHost, idPrefix);
    const timelineHost = document.createElement('div');
    this.#timeline = new RunTimeline(
      timelineHost,
      () => this.#network.rows,
      (id) => this.#network.selectRow(id),
    );
    const networkPanel = this.#panel('Network', timelineHost, () => this.#clearNetwork());
    networkPanel.append(networkHost);
    const panels = document.createElement('div');
    panels.className = 'live-panels';
    panels.append(consolePanel, networkPanel);

    this.#codePanel.editorHost.after(
      toolbar,
      this.#picker.element,
      this.#codePanel.notice,
      this.#status,
      panels,
    );
    this.classList.add('is-live');

    this.#runButton.addEventListener('click', () => this.run());
    this.#stopButton.addEventListener('click', () => this.#run?.stop());
    this.#resetButton.addEventListener('click', () => this.reset());
    this.#shareButton.addEventListener('click', () => void this.share());
    // Reading the code is free; starting to edit it needs the compiler for the next Run. Python
    // needs no compiler, and its runtime (6 MB) is fetched only when the reader presses Run.
    if (!python) {
      staticCode?.addEventListener('pointerdown', () => warmUpOnce({ compiler: true }));
      staticCode?.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key.length === 1) warmUpOnce({ compiler: true });
      });
      this.addEventListener('pointerenter', () => this.#warmUp(), { once: true });
      this.addEventListener('focusin', () => this.#warmUp(), { once: true });
    }

    // The reader edited this example before: show their code, marked, straight away.
    if (this.#codePanel.isEdited) void this.#codePanel.preload();
  }

  #clearNetwork(): void {
    this.#network.clear();
    this.#timeline.clear();
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
    this.#codePanel.disconnect();
  }

  /** Runs the current code; a run already in progress is stopped first. */
  run(): void {
    if (this.#runButton.disabled && this.language === 'python') return;
    this.#run?.stop();
    const code = this.#codePanel.code;
    this.#codePanel.saveNow();
    void this.#codePanel.setMarkers([]);
    this.#console.clear();
    this.#clearNetwork();
    // Lessons run on the real clock; a page (or a benchmark) may set data-clock="virtual".
    const clock = this.dataset.clock === 'virtual' ? 'virtual' : 'real';
    this.#timeline.start(clock);
    let firstError: RunError | null = null;
    this.#setRunning(true);
    const handle = getRunner().run(
      code,
      {
        scenario: this.#picker.value,
        timeLimitMs: Number(this.dataset.timeout) || undefined,
        clock,
        language: this.language,
      },
      (event) => {
        if (event.type === 'error') firstError ??= event.error;
        if (event.type === 'compiling' || event.type === 'started') {
          this.dataset.state = event.type === 'compiling' ? 'compiling' : 'running';
        } else if (event.type === 'loading-python') {
          this.dataset.state = 'loading';
          this.#followDownload();
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
      void this.#codePanel.preload();
      if (this.#run === handle) {
        this.#run = null;
        this.#setRunning(false);
      }
    });
  }

  /** Puts the lesson's code back (undoable in the editor) and clears the output. */
  reset(): void {
    this.#run?.stop();
    void this.#codePanel.setMarkers([]);
    this.#console.clear();
    this.#clearNetwork();
    this.#codePanel.hideNotice();
    void this.#codePanel.reset().then((undoable) => {
      this.#status.textContent = undoable
        ? 'Code reset to the lesson’s version. Press Ctrl+Z in the editor to undo.'
        : IDLE_STATUS;
    });
  }

  /** Copies a link that opens this lesson with the reader's code in this example. */
  async share(): Promise<void> {
    const code = this.#codePanel.code;
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
    const saved = loadEdit(editKey(this.exampleId));
    if (code === this.#codePanel.code) {
      this.#showNotice('The shared link has the same code as this example. Nothing was changed.');
      return;
    }
    const apply = () => {
      void this.#codePanel.replaceCode(code);
      this.#showNotice(
        'Opened the code from a shared link. It has not been run: read it, then press Run.',
      );
    };
    if (saved && saved.code !== this.#codePanel.original && saved.code !== code) {
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
    this.#codePanel.showNotice(text, kind, extra);
  }

  /**
   * The pointer or focus came near: boot a sandbox, and fetch what the next Run needs. Code the build
   * compiled needs only its small JSON file; anything else needs the compiler (esbuild-wasm).
   */
  #warmUp(): void {
    const code = this.#codePanel.code;
    if (pageCompiler.has(code)) {
      pageCompiler.prefetch(code);
      warmUpOnce({ compiler: false });
    } else {
      warmUpOnce({ compiler: true });
    }
  }

  #onEdit(): void {
    // The reader is editing: their next Run needs the compiler, so start loading it now.
    if (this.#codePanel.isEdited && this.language === 'typescript') warmUpOnce({ compiler: true });
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
      case 'loading-python':
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
    const status =
      event.type === 'loading-python'
        ? pythonLoadingStatus(PYTHON_DOWNLOAD_BYTES)
        : statusFor(event, firstError);
    if (status) {
      this.#console.flush();
      this.#network.flush(event);
      this.#status.textContent = status;
    }
    // After the table: at the end of a run its rows say how requests still open ended.
    this.#timeline.apply(event);
  }

  /**
   * While a first Python run downloads the runtime, the status says how far it has come, in steps
   * of ten per cent (a status is read aloud: not at every piece).
   */
  #followDownload(): void {
    let shown = -1;
    const stop = onPythonDownload(({ loaded, total }) => {
      if (this.dataset.state !== 'loading') return stop();
      const percent = Math.min(100, Math.floor((loaded / total) * 10) * 10);
      if (percent === shown) return;
      shown = percent;
      this.#status.textContent = pythonLoadingStatus(PYTHON_DOWNLOAD_BYTES, percent);
      if (percent >= 100) stop();
    });
  }

  #addConsoleText(event: RunEvent, kind: 'error' | 'system'): void {
    for (const text of consoleTextFor(event)) this.#console.add(text, kind);
  }

  async #showMarkers(diagnostics: Diagnostic[]): Promise<void> {
    await this.#codePanel.setMarkers(diagnostics);
  }

  #setRunning(running: boolean): void {
    this.#stopButton.disabled = !running;
    this.classList.toggle('is-running', running);
  }
}

/**
 * Why Python cannot run in this browser, or null when it can. The worker waits on requests with
 * WebAssembly stack switching (JSPI): Chromium-based browsers from version 137.
 */
function pythonUnsupportedReason(): string | null {
  return typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function'
    ? null
    : 'Python runs here in Chrome, Edge and other Chromium-based browsers (version 137 or later), which can pause WebAssembly for a request. In this browser, read or copy the code, or run it against `npm run mock-api`.';
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
