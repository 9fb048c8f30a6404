/**
 * Shows the learner's saved progress wherever the page marks a place for it: `data-progress-ids`
 * ("2 of 3 exercises solved"), `data-exercise-status` (one exercise's state) and
 * `data-shown-when-solved` (shown once that exercise is solved, e.g. "Next exercise"). Progress lives in
 * this browser only, so the static HTML leaves these empty and hidden until this script fills them.
 */
import {
  PROGRESS_CHANGED,
  progressText,
  readAllProgress,
  readProgress,
  solvedSummary,
} from './progress.ts';

function show(): void {
  const all = readAllProgress();
  for (const element of document.querySelectorAll<HTMLElement>('[data-progress-ids]')) {
    const ids = element.dataset.progressIds!.split(' ').filter(Boolean);
    element.textContent = solvedSummary(ids, all);
    element.hidden = ids.length === 0;
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-exercise-status]')) {
    const progress = readProgress(element.dataset.exerciseStatus!);
    element.textContent = progressText(progress);
    element.dataset.state = progress.state;
    element.hidden = false;
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-shown-when-solved]')) {
    element.hidden = readProgress(element.dataset.shownWhenSolved!).state !== 'solved';
  }
}

show();
addEventListener(PROGRESS_CHANGED, show);
// Another tab checked an exercise.
addEventListener('storage', show);
// Back/forward cache restores the old page: show what changed meanwhile.
addEventListener('pageshow', show);
