/**
 * A plain monospace textarea with the same interface as the Monaco editor, for touch devices and
 * narrow screens, where Monaco is hard to use (tiny touch targets, no native selection handles) and
 * heavy to download; elsewhere it takes the reader's first keystrokes while Monaco loads. The
 * browser's own undo covers Reset: the edit goes through execCommand.
 */
import type { EditorOptions, ExampleEditor } from './create-editor.ts';

/** Touch-first or narrow screens get the plain editor. */
export function prefersPlainEditor(): boolean {
  return matchMedia('(pointer: coarse), (max-width: 40rem)').matches;
}

export function createPlainEditor(options: EditorOptions): ExampleEditor {
  const textarea = document.createElement('textarea');
  textarea.className = 'live-plain-editor';
  textarea.value = options.code;
  textarea.spellcheck = false;
  textarea.wrap = 'soft'; // long lines wrap, as in the static code and Monaco: no sideways scrolling
  textarea.setAttribute('autocapitalize', 'off');
  textarea.setAttribute('autocomplete', 'off');
  textarea.setAttribute('aria-label', options.label);
  textarea.rows = Math.min(24, Math.max(4, options.code.split('\n').length + 1));
  textarea.addEventListener('input', () => options.onChange?.());
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      options.onRun();
    }
  });
  options.container.replaceChildren(textarea);
  textarea.setSelectionRange(0, 0); // start at the top left, not scrolled to the end of a long line
  options.container.classList.add('is-plain');

  return {
    getValue: () => textarea.value,
    reset(code) {
      textarea.focus();
      textarea.select();
      // execCommand keeps the change on the textarea's undo stack, so Ctrl+Z brings the edit back.
      if (!document.execCommand('insertText', false, code)) {
        textarea.value = code;
        options.onChange?.();
      }
    },
    setMarkers() {
      // Compile errors already appear in the Console with their line and column.
    },
    setTheme() {
      // Styled by the site's CSS variables, so it follows the theme by itself.
    },
    getSelection: () => ({ start: textarea.selectionStart, end: textarea.selectionEnd }),
    setSelection: (start, end) => textarea.setSelectionRange(start, end),
    hasFocus: () => document.activeElement === textarea,
    focus: () => textarea.focus(),
    dispose() {
      textarea.remove();
      options.container.classList.remove('is-plain');
    },
  };
}
