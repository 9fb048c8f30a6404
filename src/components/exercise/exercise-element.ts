/**
 * <course-exercise>: upgrades an exercise's static HTML (task, starter code, hints, checks) into
 * something to solve: an editor with the starter code (the live examples' editor: Monaco, or a plain
 * text area on touch and narrow screens), Check, Hint, Show solution and Reset, the verdict of every
 * check and an "N of M checks passed" status. Check compiles the learner's code in the browser and
 * judges it with the checks compiled at build time, one fresh sandbox per check, on the virtual clock.
 */
import { judge, type Results } from '../../checker/judge.ts';
import { exerciseEditKey } from '../../examples/saved-edits.ts';
import { CodePanel } from '../code-panel/code-panel.ts';
import { getRunner, prepareSandboxWhenIdle } from '../live-example/runner-instance.ts';
import { markChecking, renderResult, renderResults } from './check-list-view.ts';
import { lineDiff } from './line-diff.ts';
import { afterCheck, progressText, readProgress, writeProgress } from './progress.ts';
import { summaryText } from './results-summary.ts';

/** Real milliseconds one check may run in the page (what ends `while (true) {}`). */
const CHECK_TIME_LIMIT_MS = 10_000;

function button(label: string, className = ''): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.className = `exercise-button ${className}`.trim();
  return element;
}

export class ExerciseElement extends HTMLElement {
  #id = '';
  #codePanel!: CodePanel;
  #checkButton = button('Check', 'exercise-check');
  #stopButton = button('Stop');
  #checking: AbortController | null = null;
  #hintButton = button('Hint');
  #solutionButton = button('Show solution');
  #resetButton = button('Reset');
  #status = document.createElement('p');
  #progress = document.createElement('p');
  /** How many checks are done while a Check runs; no value (indeterminate) until the first. */
  #meter = document.createElement('progress');
  #solution = document.createElement('section');
  #hints: HTMLLIElement[] = [];
  #checkList: HTMLElement | null = null;
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
    return this.#codePanel.code;
  }

  connectedCallback(): void {
    if (this.dataset.upgraded) return;
    this.dataset.upgraded = 'true';
    this.dataset.state = 'idle';
    this.#id = this.dataset.id ?? 'exercise';
    prepareSandboxWhenIdle();
    this.#checkList = this.querySelector<HTMLElement>('.check-list');
    this.#codePanel = new CodePanel({
      staticCode: this.querySelector<HTMLElement>('.exercise-static'),
      original: this.dataset.start ?? '',
      storageKey: this.#editKey,
      title: this.dataset.title ?? this.#id,
      editorClass: 'exercise-editor',
      editedTitle: 'Your code is kept in this browser. Reset brings back the starter code.',
      whatIsKept: 'your code here',
      withoutStorage: 'Check still works.',
      onRun: () => void this.check(),
      onStageChange: (stage) => (this.dataset.editor = stage),
    });
    this.#codePanel.notice.classList.add('exercise-notice');

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
      this.#codePanel.edited,
      hint,
    );

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

    this.#codePanel.editorHost.after(
      toolbar,
      this.#codePanel.notice,
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
    const warmUp = () =>
      void getRunner()
        .warmUp()
        .catch(() => undefined);
    this.addEventListener('pointerenter', warmUp, { once: true });
    this.addEventListener('focusin', warmUp, { once: true });

    // Work from an earlier visit: show it in the editor at once, never the starter over it.
    if (this.#codePanel.isEdited) void this.#codePanel.preload();
  }

  disconnectedCallback(): void {
    this.#codePanel.disconnect();
  }

  /** Judges the editor's code with the exercise's checks and shows every verdict. */
  async check(): Promise<void> {
    if (this.#checking) return;
    const checking = new AbortController();
    this.#checking = checking;
    this.#checkButton.setAttribute('aria-disabled', 'true');
    this.#stopButton.disabled = false;
    this.dataset.state = 'checking';
    const code = this.#codePanel.code;
    this.#codePanel.saveNow();
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
      void this.#codePanel.preload();
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
    const mine = this.#codePanel.code;
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
    for (const line of lineDiff(mine, solution, this.#codePanel.original)) {
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
    const done = this.#codePanel.replaceCode(this.#codePanel.original);
    this.#status.textContent = 'Code reset to the starter. Press Ctrl+Z in the editor to undo.';
    this.#codePanel.focus();
    await done;
  }

  #showProgress(): void {
    const progress = readProgress(this.#id);
    this.#progress.dataset.progress = progress.state;
    this.#progress.textContent = `Progress: ${progressText(progress)}`;
  }

  #showNotice(text: string, actions: HTMLElement[] = []): void {
    this.#codePanel.showNotice(text, 'info', actions);
  }

  #hideNotice(): void {
    this.#codePanel.hideNotice();
  }
}

if (!customElements.get('course-exercise')) {
  customElements.define('course-exercise', ExerciseElement);
}
