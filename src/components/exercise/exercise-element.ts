/**
 * <course-exercise>: upgrades an exercise's static HTML (task, starter code, hints, checks) into
 * something to solve: an editor with the starter code (the live examples' editor: Monaco, or a plain
 * text area on touch and narrow screens), Check, Hint, Show solution and Reset, the verdict of every
 * check and an "N of M checks passed" status. Check compiles the learner's code in the browser and
 * judges it with the checks compiled at build time, one fresh sandbox per check, on the virtual clock.
 */
import { judge, type Results } from '../../checker/judge.ts';
import type { ExampleEditor } from '../../editor/create-editor.ts';
import { loadEditor } from '../../editor/load-editor.ts';
import { createPlainEditor, prefersPlainEditor } from '../../editor/plain-editor.ts';
import { clearEdit, exerciseEditKey, loadEdit, saveEdit } from '../../examples/saved-edits.ts';
import { getRunner, prepareSandboxWhenIdle } from '../live-example/runner-instance.ts';
import { markChecking, renderResult, renderResults } from './check-list-view.ts';
import { lineDiff } from './line-diff.ts';
import { afterCheck, progressText, readProgress, writeProgress } from './progress.ts';
import { summaryText } from './results-summary.ts';

const LINE_HEIGHT_PX = 20;
/** Real milliseconds one check may run in the page (what ends `while (true) {}`). */
const CHECK_TIME_LIMIT_MS = 10_000;

function button(label: string, className = ''): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.className = `exercise-button ${className}`.trim();
  return element;
}

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

export class ExerciseElement extends HTMLElement {
  #id = '';
  #start = '';
  #startCode = '';
  #editor: ExampleEditor | null = null;
  #editorLoading: Promise<ExampleEditor | null> | null = null;
  #editorHost = document.createElement('div');
  #static: HTMLElement | null = null;
  #checkButton = button('Check', 'exercise-check');
  #stopButton = button('Stop');
  #checking: AbortController | null = null;
  #hintButton = button('Hint');
  #solutionButton = button('Show solution');
  #resetButton = button('Reset');
  #edited = document.createElement('span');
  #notice = document.createElement('div');
  #status = document.createElement('p');
  #progress = document.createElement('p');
  /** How many checks are done while a Check runs; no value (indeterminate) until the first. */
  #meter = document.createElement('progress');
  #solution = document.createElement('section');
  #hints: HTMLLIElement[] = [];
  #checkList: HTMLElement | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #storageWarned = false;
  #results: Results | null = null;

  /** The results of the last Check (src/checker/results.schema.json), for scripts and tests. */
  get results(): Results | null {
    return this.#results;
  }

  /** Where the learner's code is saved: the course's key, or the page's own (an assignment's). */
  get #editKey(): string {
    return this.dataset.editKey ?? exerciseEditKey(this.#id);
  }

  /** The learner's code as it stands (the editor's, or the saved or starter code before it loads). */
  get code(): string {
    return this.#editor?.getValue() ?? this.#startCode;
  }

  connectedCallback(): void {
    if (this.dataset.upgraded) return;
    this.dataset.upgraded = 'true';
    this.dataset.state = 'idle';
    this.#id = this.dataset.id ?? 'exercise';
    this.#start = this.dataset.start ?? '';
    prepareSandboxWhenIdle();
    const saved = loadEdit(this.#editKey);
    this.#startCode = saved && saved.code !== this.#start ? saved.code : this.#start;
    this.#static = this.querySelector<HTMLElement>('.exercise-static');
    this.#checkList = this.querySelector<HTMLElement>('.check-list');

    this.#editorHost.className = 'exercise-editor';
    this.#editorHost.hidden = true;
    const lines = this.#startCode.split('\n').length;
    this.#editorHost.style.height = `${Math.min(30, Math.max(4, lines + 1)) * LINE_HEIGHT_PX + 16}px`;

    this.#edited.className = 'live-edited';
    this.#edited.textContent = 'Edited';
    this.#edited.title = 'Your code is kept in this browser. Reset brings back the starter code.';
    this.#edited.hidden = this.#startCode === this.#start;

    const toolbar = document.createElement('div');
    toolbar.className = 'exercise-toolbar';
    const hint = document.createElement('span');
    hint.className = 'exercise-hint-text';
    hint.textContent =
      'Click the code (or press Enter on it) to edit. In the editor, Esc then Tab moves on; Ctrl+Enter checks.';
    this.#stopButton.disabled = true;
    toolbar.append(
      this.#checkButton,
      this.#stopButton,
      this.#hintButton,
      // An assignment is graded: it offers no solution.
      ...(this.dataset.noSolution === undefined ? [this.#solutionButton] : []),
      this.#resetButton,
      this.#edited,
      hint,
    );

    this.#notice.className = 'live-notice exercise-notice';
    this.#notice.setAttribute('aria-live', 'polite');
    this.#notice.hidden = true;

    this.#status.className = 'exercise-status';
    this.#status.setAttribute('role', 'status');
    this.#status.textContent = 'Not checked yet. Press Check to run the checks on your code.';

    this.#progress.className = 'exercise-progress';
    this.#meter.className = 'exercise-meter';
    this.#meter.setAttribute('aria-label', 'Checks done');
    this.#meter.hidden = true;
    this.#showProgress();

    this.#solution.className = 'exercise-solution';
    this.#solution.hidden = true;

    (this.#static ?? this).after(
      this.#editorHost,
      toolbar,
      this.#notice,
      this.#status,
      this.#meter,
      this.#progress,
      this.#solution,
    );
    this.#upgradeHints();
    this.classList.add('is-live');

    this.#checkButton.addEventListener('click', () => void this.check());
    this.#stopButton.addEventListener('click', () => this.#checking?.abort());
    this.#hintButton.addEventListener('click', () => this.nextHint());
    this.#solutionButton.addEventListener('click', () => this.#askForSolution());
    this.#resetButton.addEventListener('click', () => this.#askForReset());
    this.#static?.addEventListener('pointerdown', (event) => this.#onStaticIntent(event));
    this.#static?.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key.length === 1) this.#onStaticIntent(event);
    });
    const warmUp = () =>
      void getRunner()
        .warmUp()
        .catch(() => undefined);
    this.addEventListener('pointerenter', warmUp, { once: true });
    this.addEventListener('focusin', warmUp, { once: true });
    addEventListener('pagehide', () => this.#saveNow());

    // Work from an earlier visit: show it in the editor at once, never the starter over it.
    if (this.#startCode !== this.#start) void this.#ensureEditor(false);
  }

  disconnectedCallback(): void {
    this.#saveNow();
  }

  /** Judges the editor's code with the exercise's checks and shows every verdict. */
  async check(): Promise<void> {
    if (this.#checking) return;
    const checking = new AbortController();
    this.#checking = checking;
    this.#checkButton.setAttribute('aria-disabled', 'true');
    this.#stopButton.disabled = false;
    this.dataset.state = 'checking';
    const code = this.#editor?.getValue() ?? this.#startCode;
    this.#saveNow();
    // The first Check of a visit also loads the compiler and boots a sandbox: a few seconds.
    this.#status.textContent = 'Checking your code… starting the checks.';
    this.#meter.removeAttribute('value');
    this.#meter.hidden = false;
    if (this.#checkList) markChecking(this.#checkList);
    try {
      const results = await judge(getRunner(), code, {
        exercise: this.#id,
        checksJs: this.dataset.checksJs ?? '',
        // Waits cost nothing on the virtual clock; this only ends a loop that never stops. A page
        // on a busy machine needs more room than the CLI's 5 s to boot a sandbox and run a check.
        timeLimitMs: CHECK_TIME_LIMIT_MS,
        onResult: (test, index, total) => {
          if (this.#checkList) renderResult(this.#checkList, test, index);
          this.#status.textContent = `Checking your code… ${index + 1} of ${total} checks done.`;
          this.#meter.max = total;
          this.#meter.value = index + 1;
        },
        signal: checking.signal,
      });
      if (checking.signal.aborted) {
        // A stopped Check judged only part of the code: it shows what ran, and counts for nothing.
        if (this.#checkList) renderResults(this.#checkList, results);
        this.#status.textContent =
          'Stopped. Nothing was recorded; press Check to run the checks again.';
        this.dataset.state = 'stopped';
        return;
      }
      this.#results = results;
      this.dispatchEvent(new CustomEvent('exercise-checked', { bubbles: true, detail: results }));
      if (this.#checkList) renderResults(this.#checkList, results);
      const count = this.#checkList?.querySelectorAll('.check-item').length ?? 0;
      this.#status.textContent = summaryText(results, count);
      const progress = afterCheck(
        readProgress(this.#id),
        results.score,
        results.maxScore,
        Date.now(),
      );
      writeProgress(this.#id, progress);
      this.#showProgress();
      this.dataset.state = results.status;
    } catch (error) {
      this.dataset.state = 'crashed';
      this.#status.textContent = `The checks could not run (${error instanceof Error ? error.message : String(error)}). Reload the page and try again.`;
    } finally {
      this.#checking = null;
      this.#meter.hidden = true;
      this.#stopButton.disabled = true;
      this.#checkButton.removeAttribute('aria-disabled');
      void this.#ensureEditor(false);
    }
  }

  /** Reveals the next hint, in order. */
  nextHint(): void {
    const progress = readProgress(this.#id);
    const shown = Math.min(progress.hintsShown, this.#hints.length);
    if (shown >= this.#hints.length) {
      this.#showNotice(`That was the last hint: all ${this.#hints.length} are shown below.`);
      return;
    }
    this.#revealHint(shown);
    writeProgress(this.#id, { ...progress, hintsShown: shown + 1 });
    this.#hideNotice();
  }

  #upgradeHints(): void {
    this.#hints = [...this.querySelectorAll<HTMLLIElement>('.exercise-hint')];
    const shown = readProgress(this.#id).hintsShown;
    this.#hints.forEach((item, index) => {
      item.hidden = index >= shown;
      const details = item.querySelector('details');
      if (details) details.open = true;
    });
    const list = this.querySelector('.exercise-hints ol');
    list?.setAttribute('aria-live', 'polite');
    const empty = document.createElement('p');
    empty.className = 'exercise-hints-empty';
    empty.textContent = `${this.#hints.length} hints, from a nudge to nearly the answer. Press Hint to see the next one.`;
    list?.before(empty);
  }

  #revealHint(index: number): void {
    const item = this.#hints[index];
    if (!item) return;
    item.hidden = false;
    const details = item.querySelector('details');
    if (details) details.open = true;
  }

  #askForSolution(): void {
    const show = button('Show the solution');
    const cancel = button('Not yet');
    show.addEventListener('click', () => {
      this.#hideNotice();
      void this.#showSolution();
    });
    cancel.addEventListener('click', () => {
      this.#hideNotice();
      this.#solutionButton.focus();
    });
    this.#showNotice(
      'Show the solution? It appears below, next to your code with the differences marked. Your code stays as it is.',
      [show, cancel],
    );
    show.focus();
  }

  async #showSolution(): Promise<void> {
    const solution = this.dataset.solution ?? '';
    const mine = this.#editor?.getValue() ?? this.#startCode;
    // One level below the exercise's own heading, like its Hints and Checks headings.
    const heading = document.createElement(`h${this.dataset.subheadingLevel ?? '4'}`);
    heading.id = `exercise-${this.#id}-solution`;
    heading.textContent = 'Solution compared with your code';
    heading.tabIndex = -1;
    const legend = document.createElement('p');
    legend.className = 'exercise-diff-legend';
    legend.textContent =
      'Lines marked + are in the solution only; lines marked − are in your code only. Your code in the editor is unchanged.';
    const pre = document.createElement('pre');
    pre.className = 'exercise-diff';
    pre.tabIndex = 0;
    pre.setAttribute('aria-labelledby', heading.id);
    for (const line of lineDiff(mine, solution, this.#start)) {
      const row = document.createElement('span');
      row.className = `diff-${line.kind}`;
      const mark = line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  ';
      row.textContent = `${mark}${line.text}\n`;
      pre.append(row);
    }
    const hide = button('Hide solution');
    hide.addEventListener('click', () => {
      this.#solution.hidden = true;
      this.#solutionButton.focus();
    });
    this.#solution.replaceChildren(heading, legend, pre, hide);
    this.#solution.hidden = false;
    heading.focus();
  }

  #askForReset(): void {
    const confirm = button('Reset to the starter code');
    const cancel = button('Keep my code');
    confirm.addEventListener('click', () => {
      this.#hideNotice();
      void this.reset();
    });
    cancel.addEventListener('click', () => {
      this.#hideNotice();
      this.#resetButton.focus();
    });
    this.#showNotice(
      'Replace your code with the starter code? You can undo it with Ctrl+Z in the editor.',
      [confirm, cancel],
    );
    confirm.focus();
  }

  /** Puts the starter code back as one undoable edit. */
  async reset(): Promise<void> {
    const editor = await this.#ensureEditor(false);
    editor?.reset(this.#start);
    this.#startCode = this.#start;
    this.#saveNow();
    this.#status.textContent = 'Code reset to the starter. Press Ctrl+Z in the editor to undo.';
    editor?.focus();
  }

  #showProgress(): void {
    const progress = readProgress(this.#id);
    this.#progress.dataset.progress = progress.state;
    this.#progress.textContent = `Progress: ${progressText(progress)}`;
  }

  #showNotice(text: string, actions: HTMLElement[] = []): void {
    const message = document.createElement('span');
    message.textContent = text;
    this.#notice.replaceChildren(message, ...actions);
    this.#notice.hidden = false;
  }

  #hideNotice(): void {
    this.#notice.hidden = true;
    this.#notice.replaceChildren();
  }

  #onEdit(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#saveNow(), 250);
    this.#edited.hidden = (this.#editor?.getValue() ?? this.#start) === this.#start;
  }

  /** Saves the editor's code now; the starter itself is not an edit, so it clears the entry. */
  #saveNow(): void {
    clearTimeout(this.#saveTimer);
    if (!this.#editor) return;
    const code = this.#editor.getValue();
    const key = this.#editKey;
    this.#edited.hidden = code === this.#start;
    if (code === this.#start) {
      clearEdit(key);
      return;
    }
    const outcome = saveEdit(key, code);
    if (outcome !== 'saved' && !this.#storageWarned) {
      this.#storageWarned = true;
      this.#showNotice(
        outcome === 'full'
          ? 'Your browser’s storage for this site is full, so your code here will not be kept after you leave the page.'
          : 'This browser does not let the site store data, so your code here will not be kept after you leave the page.',
      );
    }
  }

  #onStaticIntent(event: Event): void {
    if ((event.target as Element).closest('button')) return;
    void this.#ensureEditor(true);
  }

  #ensureEditor(focus: boolean): Promise<ExampleEditor | null> {
    const title = this.dataset.title ?? this.#id;
    const options = {
      container: this.#editorHost,
      code: this.#startCode,
      label: `Code editor: ${title}`,
      dark: isDark(),
      onRun: () => void this.check(),
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
        new MutationObserver(() => editor.setTheme(isDark())).observe(document.documentElement, {
          attributeFilter: ['data-theme'],
        });
        return editor;
      },
      (error: unknown) => {
        this.#editorLoading = null;
        this.#showNotice(
          `The editor failed to load (${error instanceof Error ? error.message : String(error)}). Reload the page to edit the code.`,
        );
        return null;
      },
    );
    if (focus) void this.#editorLoading.then((editor) => editor?.focus());
    return this.#editorLoading;
  }
}

if (!customElements.get('course-exercise')) {
  customElements.define('course-exercise', ExerciseElement);
}
