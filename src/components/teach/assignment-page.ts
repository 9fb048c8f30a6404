/**
 * The assignment page's behaviour: decodes the link, shows the assignment and the assigned exercises
 * (cloned from the page's inert templates, saving code under the assignment's own keys and offering
 * no solution), keeps the student's name, ID and Check results in this browser, and downloads the
 * submission file. Nothing runs until the student presses Check.
 */
import type { Results } from '../../checker/judge.ts';
import { assignmentEditKey } from '../../examples/saved-edits.ts';
import { decodeAssignmentLink, type Assignment } from '../../teach/assignment-link.ts';
import { dueText } from '../../teach/due-date.ts';
import {
  assignmentWorkKey,
  buildSubmission,
  claimedResults,
  codeHash,
  parseWork,
  submissionFileName,
  submissionProblem,
  timeLeftText,
  uncheckedWork,
  type AssignmentWork,
} from '../../teach/assignment-work.ts';
import '../exercise/exercise-element.ts';
import { part } from './page-parts.ts';

interface ClientExercise {
  id: string;
  title: string;
  fingerprint: string;
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export async function startAssignmentPage(app: HTMLElement): Promise<void> {
  app.hidden = false;
  const error = part(app, '[data-error]');
  // A new link pasted into this tab is another assignment: start over with it.
  window.addEventListener('hashchange', () => location.reload());
  if (!location.hash) {
    error.textContent =
      'This page opens an assignment from its link, and this address has none. Open the link your teacher gave you (it ends in #a=…), or ask them for it again.';
    return;
  }
  const decoded = await decodeAssignmentLink(location.href);
  if (!decoded.ok) {
    error.textContent = decoded.message;
    return;
  }
  const assignment = decoded.assignment;
  const catalog = new Map(
    (JSON.parse(app.dataset.catalog ?? '[]') as ClientExercise[]).map((entry) => [entry.id, entry]),
  );
  const unknown = assignment.exercises.filter(({ id }) => !catalog.has(id)).map(({ id }) => id);
  if (unknown.length) {
    error.textContent = `This assignment asks for ${unknown.join(', ')}, which this course does not have (any more). Ask your teacher for a new link.`;
    return;
  }
  showAssignment(app, assignment, catalog);
}

function showAssignment(
  app: HTMLElement,
  assignment: Assignment,
  catalog: ReadonlyMap<string, ClientExercise>,
): void {
  const workKey = assignmentWorkKey(assignment.id);
  const work: AssignmentWork = parseWork(readStorage(workKey));
  work.startedAt ??= new Date().toISOString();
  const notice = part(app, '[data-notice]');
  const save = () => {
    if (writeStorage(workKey, JSON.stringify(work))) return;
    notice.hidden = false;
    notice.textContent =
      'This browser is not saving your work (storage is blocked or full). Keep this tab open and download your submission before you close it.';
  };
  save();

  document.title = `${assignment.title} · Assignment`;
  part(document, '#assignment-title').textContent = assignment.title;
  const instructions = part(app, '[data-instructions]');
  if (assignment.instructions) {
    instructions.textContent = assignment.instructions;
    instructions.hidden = false;
  }
  part(app, '[data-due]').textContent = dueText(assignment.due, assignment.timeZone);
  const timeLeft = part(app, '[data-time-left]');
  const showTimeLeft = () => {
    const { late, text } = timeLeftText(assignment.due, Date.now());
    timeLeft.textContent = text;
    timeLeft.classList.toggle('is-late', late);
  };
  showTimeLeft();
  setInterval(showTimeLeft, 30_000);

  const changed = assignment.exercises
    .filter(({ id, fingerprint }) => catalog.get(id)?.fingerprint !== fingerprint)
    .map(({ id }) => catalog.get(id)?.title ?? id);
  if (changed.length) {
    notice.hidden = false;
    notice.textContent = `The checks of ${changed.join(', ')} changed after this link was made. Work as usual; your teacher will see it when grading.`;
  }

  const name = part<HTMLInputElement>(app, '#student-name');
  const studentId = part<HTMLInputElement>(app, '#student-id');
  name.value = work.name;
  studentId.value = work.studentId;
  name.addEventListener('input', () => {
    work.name = name.value;
    save();
  });
  studentId.addEventListener('input', () => {
    work.studentId = studentId.value;
    save();
  });

  const list = part(app, '[data-exercises]');
  const elements = new Map<string, HTMLElement & { code: string }>();
  for (const { id } of assignment.exercises) {
    const template = document.querySelector<HTMLTemplateElement>(
      `template[data-exercise="${CSS.escape(id)}"]`,
    );
    if (!template) continue;
    const fragment = template.content.cloneNode(true) as DocumentFragment;
    // Its course page keeps the course's own saved code: not the place for assignment work.
    fragment.querySelector('.exercise-meta a')?.remove();
    const element = fragment.querySelector<HTMLElement & { code: string }>('course-exercise');
    if (!element) continue;
    element.dataset.editKey = assignmentEditKey(assignment.id, id);
    element.dataset.noSolution = '';
    elements.set(id, element);
    list.append(fragment);
  }
  list.addEventListener('exercise-checked', (event) => {
    const target = event.target as HTMLElement;
    const id = target.dataset.id;
    if (!id) return;
    work.checked[id] = {
      results: claimedResults((event as CustomEvent<Results>).detail),
      checkedAt: new Date().toISOString(),
      codeHash: codeHash((target as HTMLElement & { code: string }).code),
    };
    save();
  });

  part(app, '[data-work]').hidden = false;
  const status = part(app, '[data-download-status]');
  const downloadButton = part<HTMLButtonElement>(app, '[data-download]');
  const download = () => {
    const codes = new Map([...elements].map(([id, element]) => [id, element.code]));
    const submission = buildSubmission(assignment, work, codes, {
      now: new Date(),
      siteVersion: app.dataset.siteVersion ?? 'unknown',
    });
    const file = submissionFileName(assignment, work);
    const url = URL.createObjectURL(
      new Blob([`${JSON.stringify(submission, null, 2)}\n`], { type: 'application/json' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = `Downloaded ${file}${submission.late ? ' (marked late)' : ''}. Hand this file in to your teacher.`;
  };
  downloadButton.addEventListener('click', () => {
    const problem = submissionProblem(work);
    if (problem) {
      status.textContent = problem;
      name.focus();
      return;
    }
    const { unchanged, unchecked } = uncheckedWork(
      work,
      [...elements].map(([id, element]) => ({
        id,
        code: element.code,
        starter: element.dataset.start ?? '',
      })),
    );
    if (unchanged.length === 0 && unchecked.length === 0) return download();
    const title = (id: string) => catalog.get(id)?.title ?? id;
    confirmDownload(
      [
        unchanged.length
          ? `Still the starter code, unchanged: ${unchanged.map(title).join(', ')}. Your teacher will see ${unchanged.length === 1 ? 'it' : 'them'} as not attempted.`
          : '',
        unchecked.length
          ? `Not checked since your last change: ${unchecked.map(title).join(', ')}. Press Check to see how ${unchecked.length === 1 ? 'it does' : 'they do'} before you hand in.`
          : '',
      ].filter(Boolean),
      downloadButton,
      download,
    );
  });
}

/**
 * Asks before downloading work that is unchanged or unchecked: a modal dialog whose safe choice,
 * "Keep working", has the focus; "Download anyway" downloads. Escape is "Keep working".
 */
function confirmDownload(reasons: string[], opener: HTMLElement, download: () => void): void {
  const dialog = document.createElement('dialog');
  dialog.className = 'download-confirm';
  dialog.setAttribute('aria-labelledby', 'download-confirm-title');
  // The page's stylesheet is another engineer's; a few inline rules keep this self-contained.
  dialog.style.maxWidth = 'min(34rem, calc(100vw - 2rem))';
  const heading = document.createElement('h2');
  heading.id = 'download-confirm-title';
  heading.textContent = 'Download this work as it is?';
  dialog.append(heading);
  for (const reason of reasons) {
    const paragraph = document.createElement('p');
    paragraph.textContent = reason;
    dialog.append(paragraph);
  }
  const actions = document.createElement('div');
  actions.className = 'download-confirm-actions';
  actions.style.cssText = 'display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1rem;';
  const keep = document.createElement('button');
  keep.type = 'button';
  keep.className = 'button primary';
  keep.textContent = 'Keep working';
  const anyway = document.createElement('button');
  anyway.type = 'button';
  anyway.className = 'button';
  anyway.textContent = 'Download anyway';
  actions.append(keep, anyway);
  dialog.append(actions);
  keep.addEventListener('click', () => dialog.close());
  anyway.addEventListener('click', () => {
    dialog.close();
    download();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  keep.focus();
}
