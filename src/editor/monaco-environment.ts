/**
 * Monaco 0.57 asks `self.MonacoEnvironment.getWorker` for its web workers; without it the editor
 * worker fails to load. Vite's `?worker` imports emit both workers as same-origin module files,
 * which the CSP (`worker-src 'self'`) allows.
 */
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

export function installMonacoEnvironment(): void {
  (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      return label === 'typescript' || label === 'javascript'
        ? new TypeScriptWorker()
        : new EditorWorker();
    },
  };
}
