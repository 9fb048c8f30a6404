/**
 * The only way the page reaches Monaco: a dynamic import, so the editor is a
 * separate chunk (about 1.1 MB gzip, and 1.5 MB more for its TypeScript worker) that loads when the
 * reader starts editing or is about to, and only once.
 */
import { connectionAllowsPrefetch } from '../lib/connection.ts';
import type { EditorOptions, ExampleEditor } from './create-editor.ts';

let module: Promise<typeof import('./create-editor.ts')> | null = null;

function importEditor(): Promise<typeof import('./create-editor.ts')> {
  module ??= import('./create-editor.ts');
  module.catch(() => (module = null)); // a failed load (offline) is retried next time
  return module;
}

export async function loadEditor(options: EditorOptions): Promise<ExampleEditor> {
  return (await importEditor()).createEditor(options);
}

/**
 * The reader is likely to edit soon (the pointer is over the code): fetch the editor now, at idle, so
 * the click finds it ready. Not on Save-Data, 2G or cellular connections; there it loads on the
 * click itself.
 */
export function prefetchEditor(): void {
  if (module || !connectionAllowsPrefetch()) return;
  const start = () => void importEditor().catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 1000 });
  else setTimeout(start, 200);
}
