/**
 * The home page's "Export progress" and "Import progress": the learner's progress and code as a
 * file, to keep or to carry to another browser. Importing merges, so an old file never undoes newer
 * work: progress keeps the better record, code the newer save (see progress-file.ts).
 */
import { exerciseEditKey, loadEdit, saveEdit, type SavedEdit } from '../../examples/saved-edits.ts';
import {
  mergeCode,
  mergeProgress,
  parseProgressFile,
  progressFileName,
  progressFileText,
} from './progress-file.ts';
import { readAllProgress, writeAllProgress } from './progress.ts';

const CODE_PREFIX = exerciseEditKey('');

/** Every exercise's saved code in this browser, by exercise id. */
function readAllCode(): Record<string, SavedEdit> {
  const code: Record<string, SavedEdit> = {};
  try {
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index);
      if (!key?.startsWith(CODE_PREFIX)) continue;
      const edit = loadEdit(key);
      if (edit) code[key.slice(CODE_PREFIX.length)] = edit;
    }
  } catch {
    // Storage is blocked: there is no code to export.
  }
  return code;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const root = document.querySelector<HTMLElement>('[data-progress-transfer]');
if (root) {
  const exportButton = root.querySelector<HTMLButtonElement>('[data-progress-export]')!;
  const input = root.querySelector<HTMLInputElement>('[data-progress-import]')!;
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  const titles = JSON.parse(root.dataset.exerciseTitles ?? '{}') as Record<string, string>;
  /** “Fetch a user”, “Time out a GET” (titles for people; ids only for exercises no longer here). */
  const names = (ids: string[]) => ids.map((id) => `“${titles[id] ?? id}”`).join(', ');
  root.hidden = false;

  exportButton.addEventListener('click', () => {
    const all = readAllProgress();
    const code = readAllCode();
    const now = new Date();
    const { text, codeLeftOut } = progressFileText(all, code, now);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), {
      href: url,
      download: progressFileName(now),
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    const count = new Set([...Object.keys(all), ...Object.keys(code)]).size;
    const leftOut =
      codeLeftOut.length > 0
        ? ` Your code for ${names(codeLeftOut)} is over 20,000 characters and was left out.`
        : '';
    status.textContent = `Saved ${link.download} with ${plural(count, 'exercise', 'exercises')} and your code.${leftOut}`;
  });

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    const result = parseProgressFile(file.name, await file.text());
    input.value = '';
    if (!result.ok) {
      status.textContent = result.message;
      return;
    }
    const count = Object.keys(result.exercises).length;
    const { restore, keptNewer } = mergeCode((id) => loadEdit(exerciseEditKey(id)), result.code);
    const restored = Object.entries(restore).filter(
      ([id, edit]) => saveEdit(exerciseEditKey(id), edit.code, edit.savedAt) === 'saved',
    );
    if (!writeAllProgress(mergeProgress(readAllProgress(), result.exercises))) {
      status.textContent =
        'This browser will not let the course save (storage is off or full), so nothing was imported. Allow site data for this site and try again.';
      return;
    }
    const notSaved = Object.keys(restore).length - restored.length;
    const parts = [
      `Imported ${plural(count, 'exercise', 'exercises')} from ${file.name}; where this browser had more progress, it kept that.`,
      restored.length > 0
        ? `Restored your code for ${names(restored.map(([id]) => id))}.`
        : 'No code needed restoring.',
      keptNewer.length > 0 ? `Kept this browser's newer code for ${names(keptNewer)}.` : '',
      notSaved > 0
        ? `Storage is full: code for ${plural(notSaved, 'exercise was', 'exercises were')} not restored. Free some site data and import again.`
        : '',
      result.skipped > 0
        ? `${plural(result.skipped, 'damaged entry was', 'damaged entries were')} skipped.`
        : '',
    ];
    status.textContent = parts.filter(Boolean).join(' ');
  });
}
