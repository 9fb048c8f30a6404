/**
 * The only way the page reaches Monaco: a dynamic import, so the editor (about 2.6 MB gzip) is a
 * separate chunk that loads when the reader starts editing or running, and only once.
 */
import type { EditorOptions, ExampleEditor } from './create-editor.ts';

let module: Promise<typeof import('./create-editor.ts')> | null = null;

export async function loadEditor(options: EditorOptions): Promise<ExampleEditor> {
  module ??= import('./create-editor.ts');
  try {
    return (await module).createEditor(options);
  } catch (error) {
    module = null;
    throw error;
  }
}
