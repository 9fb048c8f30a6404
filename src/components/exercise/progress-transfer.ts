/**
 * The home page's "Export progress" and "Import progress": the learner's progress as a file, to keep
 * or to carry to another browser. Importing merges, so an old file never undoes newer work.
 */
import {
  mergeProgress,
  parseProgressFile,
  progressFileName,
  progressFileText,
} from './progress-file.ts';
import { readAllProgress, writeAllProgress } from './progress.ts';

const root = document.querySelector<HTMLElement>('[data-progress-transfer]');
if (root) {
  const exportButton = root.querySelector<HTMLButtonElement>('[data-progress-export]')!;
  const input = root.querySelector<HTMLInputElement>('[data-progress-import]')!;
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  root.hidden = false;

  exportButton.addEventListener('click', () => {
    const all = readAllProgress();
    const now = new Date();
    const url = URL.createObjectURL(
      new Blob([progressFileText(all, now)], { type: 'application/json' }),
    );
    const link = Object.assign(document.createElement('a'), {
      href: url,
      download: progressFileName(now),
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    const count = Object.keys(all).length;
    status.textContent = `Saved ${link.download} with ${count} ${count === 1 ? 'exercise' : 'exercises'}.`;
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
    if (!writeAllProgress(mergeProgress(readAllProgress(), result.exercises))) {
      status.textContent =
        'This browser will not let the course save (storage is off or full), so nothing was imported. Allow site data for this site and try again.';
      return;
    }
    const skipped =
      result.skipped > 0
        ? ` ${result.skipped} damaged ${result.skipped === 1 ? 'entry was' : 'entries were'} skipped.`
        : '';
    status.textContent = `Imported ${count} ${count === 1 ? 'exercise' : 'exercises'} from ${file.name}; where this browser had more, it kept that.${skipped}`;
  });
}
