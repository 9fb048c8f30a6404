/**
 * Monaco 0.57 asks `self.MonacoEnvironment.getWorker` for its web workers; without it the editor
 * worker fails to load. Vite's `?worker` imports emit both workers as same-origin module files,
 * which the CSP (`worker-src 'self'`) allows.
 *
 * The TypeScript worker (several MB to parse) waits for `startLanguageService()`: the reader's first
 * seconds in the editor go to typing, not to a language service competing for the same two cores.
 */
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

let allowLanguageService: () => void = () => undefined;
const languageServiceAllowed = new Promise<void>((resolve) => (allowLanguageService = resolve));

/** Lets the TypeScript worker start (errors, hovers, completions); calling it again does nothing. */
export function startLanguageService(): void {
  allowLanguageService();
}

export function installMonacoEnvironment(): void {
  (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker | Promise<Worker> {
      return label === 'typescript' || label === 'javascript'
        ? languageServiceAllowed.then(() => new TypeScriptWorker())
        : new EditorWorker();
    },
  };
}
