/**
 * One Monaco editor for one live example: TypeScript with the lesson's code, Ctrl/Cmd+Enter to run,
 * compile errors as markers, and a Reset that the reader can undo.
 * Loaded only through load-editor.ts, so none of this reaches a page until the reader needs it.
 */
import * as monaco from 'monaco-editor';
import { HELPERS_REGION_START } from '../lib/example-helpers.ts';
import { installMonacoEnvironment, startLanguageService } from './monaco-environment.ts';
import { configureTypeScript } from './typescript-setup.ts';

export interface EditorMarker {
  message: string;
  line: number;
  column: number;
  length: number;
}

export interface ExampleEditor {
  getValue(): string;
  /** Puts the lesson's code back as one undoable edit (Ctrl+Z brings the reader's code back). */
  reset(code: string): void;
  setMarkers(markers: EditorMarker[]): void;
  setTheme(dark: boolean): void;
  /** The selection as offsets into getValue() (start === end: a caret). */
  getSelection(): { start: number; end: number };
  setSelection(start: number, end: number): void;
  hasFocus(): boolean;
  focus(): void;
  dispose(): void;
}

export interface EditorOptions {
  container: HTMLElement;
  code: string;
  /** Accessible name of the editor's text area. */
  label: string;
  /** Python gets Monaco's Python colours only (no language service). @default 'typescript' */
  language?: 'typescript' | 'python';
  dark: boolean;
  onRun: () => void;
  onChange?: () => void;
}

let setUp = false;

/** vs-dark with comments lightened: its green comments miss WCAG AA contrast on its background. */
const DARK_THEME = 'course-dark';
function defineThemes(): void {
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [{ token: 'comment', foreground: '8fbf7a' }],
    colors: {},
  });
}
let modelCount = 0;

export function createEditor(options: EditorOptions): ExampleEditor {
  if (!setUp) {
    installMonacoEnvironment();
    configureTypeScript(monaco);
    defineThemes();
    setUp = true;
  }
  modelCount += 1;
  const python = options.language === 'python';
  const model = monaco.editor.createModel(
    options.code,
    python ? 'python' : 'typescript',
    monaco.Uri.parse(`file:///examples/example-${modelCount}.${python ? 'py' : 'ts'}`),
  );
  model.setEOL(monaco.editor.EndOfLineSequence.LF);
  const editor = monaco.editor.create(options.container, {
    model,
    ariaLabel: options.label,
    theme: options.dark ? DARK_THEME : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontFamily:
      "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
    // Follow the reader's browser font size (16px by default gives Monaco's usual 14px).
    fontSize:
      Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.875) || 14,
    lineNumbersMinChars: 3,
    // As the static code does (ec.config.mjs): nothing runs past the box, at 1280 px or on a phone.
    wordWrap: 'on',
    wrappingIndent: 'indent',
    tabSize: python ? 4 : 2,
    renderLineHighlight: 'none',
    scrollbar: { alwaysConsumeMouseWheel: false },
    fixedOverflowWidgets: true,
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onRun());
  // The editor is on the screen and answers keys; the language service may start once the browser is
  // idle (or after 2 s at the latest on a page that never idles).
  if (python) {
    // Python has no language service here: nothing to start.
  } else if ('requestIdleCallback' in window) {
    requestIdleCallback(startLanguageService, { timeout: 2000 });
  } else setTimeout(startLanguageService, 500);
  // Grow and shrink with the code (up to 30 lines), so Reset or a pasted edit is never cut off.
  editor.onDidContentSizeChange(({ contentHeight }) => {
    const lineHeight = editor.getOption(monaco.editor.EditorOption.lineHeight);
    options.container.style.height = `${Math.min(contentHeight, lineHeight * 30) + 16}px`;
  });
  editor.onDidChangeModelContent(() => options.onChange?.());
  // Helpers shared from a block above (`uses=` in the lesson) open folded: the reader has read them.
  // The folding ranges arrive a moment after the model (from the TypeScript worker), so the fold
  // is retried until line 2, the first inside the region, is hidden.
  const foldHelpers = (triesLeft = 40) => {
    if (!model.getValue().startsWith(HELPERS_REGION_START)) return;
    editor.trigger('helpers-from-above', 'editor.fold', { selectionLines: [0], levels: 1 });
    setTimeout(() => {
      const lineTwoShown = editor
        .getVisibleRanges()
        .some((range) => range.startLineNumber <= 2 && range.endLineNumber >= 2);
      if (lineTwoShown && triesLeft > 0) foldHelpers(triesLeft - 1);
    }, 100);
  };
  foldHelpers();
  // Tab indents inside the editor; Escape then Tab leaves it, so keyboard users are never trapped.
  editor.onKeyDown((event) => {
    if (event.keyCode === monaco.KeyCode.Escape) editor.updateOptions({ tabFocusMode: true });
    else if (event.keyCode !== monaco.KeyCode.Tab && event.keyCode !== monaco.KeyCode.Shift) {
      editor.updateOptions({ tabFocusMode: false });
    }
  });
  editor.onDidBlurEditorText(() => editor.updateOptions({ tabFocusMode: false }));

  return {
    // Always \n line ends: Monaco picks \r\n on Windows, and saved code is compared with the lesson's.
    getValue: () => model.getValue(monaco.editor.EndOfLinePreference.LF),
    reset(code) {
      editor.pushUndoStop();
      editor.executeEdits('reset', [{ range: model.getFullModelRange(), text: code }]);
      editor.pushUndoStop();
      foldHelpers();
    },
    setMarkers(markers) {
      monaco.editor.setModelMarkers(
        model,
        'runner',
        markers.map((marker) => ({
          message: marker.message,
          severity: monaco.MarkerSeverity.Error,
          startLineNumber: marker.line,
          startColumn: marker.column,
          endLineNumber: marker.line,
          endColumn: marker.column + marker.length,
        })),
      );
    },
    setTheme: (dark) => monaco.editor.setTheme(dark ? DARK_THEME : 'vs'),
    getSelection() {
      const selection = editor.getSelection();
      if (!selection) return { start: 0, end: 0 };
      return {
        start: model.getOffsetAt(selection.getStartPosition()),
        end: model.getOffsetAt(selection.getEndPosition()),
      };
    },
    setSelection(start, end) {
      const from = model.getPositionAt(start);
      const to = model.getPositionAt(end);
      editor.setSelection(monaco.Selection.fromPositions(from, to));
      editor.revealPositionInCenterIfOutsideViewport(to);
    },
    hasFocus: () => editor.hasTextFocus(),
    focus: () => editor.focus(),
    dispose() {
      editor.dispose();
      model.dispose();
    },
  };
}
