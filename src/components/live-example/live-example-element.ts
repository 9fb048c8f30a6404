/**
 * <live-example>: upgrades a highlighted code block into a live example (editor, Run/Stop/Reset,
 * Console, status line). Without JavaScript the element is inert and the code block is all there is.
 * This script stays small: Monaco is loaded when the reader clicks into the code or presses Run, and
 * the compiler is warmed up when the pointer or focus first comes near an example.
 */
import type { ExampleEditor } from '../../editor/create-editor.ts';
import { loadEditor } from '../../editor/load-editor.ts';
import type { Diagnostic, RunError, RunEvent } from '../../runner/protocol.ts';
import type { RunHandle } from '../../runner/runner.ts';
import { ConsoleView } from './console-view.ts';
import { getRunner } from './runner-instance.ts';
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
  #editorHost = document.createElement('div');
  #themeObserver: MutationObserver | null = null;

  connectedCallback(): void {
    if (this.dataset.upgraded) return;
    this.dataset.upgraded = 'true';
    this.#code = this.dataset.code ?? '';
    this.#static = this.querySelector<HTMLElement>('.live-example-static');

    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', this.dataset.title ?? 'Example');

    this.#editorHost.className = 'live-editor';
    this.#editorHost.hidden = true;
    const lines = this.#code.split('\n').length;
    this.#editorHost.style.height = `${Math.min(30, Math.max(4, lines + 1)) * LINE_HEIGHT_PX + 16}px`;

    const toolbar = document.createElement('div');
    toolbar.className = 'live-toolbar';
    this.#stopButton.disabled = true;
    const hint = document.createElement('span');
    hint.className = 'live-hint';
    hint.textContent = 'Click the code (or press Enter on it) to edit.';
    toolbar.append(this.#runButton, this.#stopButton, this.#resetButton, hint);

    this.#status.className = 'live-status';
    this.#status.setAttribute('role', 'status');
    this.#status.textContent = IDLE_STATUS;

    (this.#static ?? this).after(this.#editorHost, toolbar, this.#status, this.#console.element);
    this.classList.add('is-live');

    this.#runButton.addEventListener('click', () => this.run());
    this.#stopButton.addEventListener('click', () => this.#run?.stop());
    this.#resetButton.addEventListener('click', () => this.reset());
    // Reading the code is free; starting to edit it loads the editor.
    this.#static?.addEventListener('pointerdown', (event) => this.#onStaticIntent(event));
    this.#static?.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key.length === 1) this.#onStaticIntent(event);
    });
    this.addEventListener('pointerenter', warmUpOnce, { once: true });
    this.addEventListener('focusin', warmUpOnce, { once: true });
  }

  disconnectedCallback(): void {
    this.#run?.stop();
    this.#themeObserver?.disconnect();
  }

  /** Runs the current code; a run already in progress is stopped first. */
  run(): void {
    this.#run?.stop();
    const code = this.#editor?.getValue() ?? this.#code;
    this.#editor?.setMarkers([]);
    this.#console.clear();
    let firstError: RunError | null = null;
    this.#setRunning(true);
    const handle = getRunner().run(
      code,
      { scenario: this.dataset.scenario, timeLimitMs: Number(this.dataset.timeout) || undefined },
      (event) => {
        if (event.type === 'error') firstError ??= event.error;
        this.#show(event, firstError);
      },
    );
    this.#run = handle;
    // The reader will want to edit next: load the editor, but after this run so they do not compete.
    void handle.done.then(() => {
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
    this.#status.textContent = this.#editor
      ? 'Code reset to the lesson’s version. Press Ctrl+Z in the editor to undo.'
      : IDLE_STATUS;
  }

  #show(event: RunEvent, firstError: RunError | null): void {
    if (event.type === 'console') {
      this.#console.addCall(event.method, event.args, event.depth);
    } else if (event.type !== 'network') {
      const kind = event.type === 'output-dropped' ? 'system' : 'error';
      for (const text of consoleTextFor(event)) this.#console.add(text, kind);
    }
    if (event.type === 'compile-failed') void this.#showMarkers(event.diagnostics);
    if (event.type === 'error' && event.error.position) {
      const { line, column } = event.error.position;
      const message = `${event.error.name}: ${event.error.message}`;
      void this.#showMarkers([{ message, line, column, length: 200, severity: 'error' }]);
    }
    const status = statusFor(event, firstError);
    if (status) {
      this.#console.flush();
      this.#status.textContent = status;
    }
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
    void this.#ensureEditor(true);
  }

  #ensureEditor(focus: boolean): Promise<ExampleEditor | null> {
    this.#editorLoading ??= loadEditor({
      container: this.#editorHost,
      code: this.#code,
      label: `Code editor: ${this.dataset.title ?? 'example'}`,
      dark: isDark(),
      onRun: () => this.run(),
    }).then(
      (editor) => {
        this.#editor = editor;
        this.#editorHost.hidden = false;
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

let warmedUp = false;

function warmUpOnce(): void {
  if (warmedUp) return;
  warmedUp = true;
  void getRunner()
    .warmUp()
    .catch(() => {
      // A failed warm-up is reported by the next run, which retries.
    });
}

if (!customElements.get('live-example')) customElements.define('live-example', LiveExampleElement);
