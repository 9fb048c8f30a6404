/**
 * The Assign page's behaviour: filters, "Create assignment link" (build-assignment.ts +
 * assignment-link.ts), Copy, and the printable sheet. The catalog (ids, titles, fingerprints) comes
 * from the page's static HTML; nothing is fetched or sent.
 */
import { assignmentUrl } from '../../teach/assignment-link';
import { buildAssignment } from '../../teach/build-assignment';
import { dueText } from '../../teach/due-date';
import { linkQrCode } from './link-qr-code.ts';
import { add, part } from './page-parts.ts';

interface ClientExercise {
  id: string;
  title: string;
  fingerprint: string;
  maxPoints: number;
}

export function startAssignForm(form: HTMLFormElement): void {
  const catalog = new Map(
    (JSON.parse(form.dataset.catalog ?? '[]') as ClientExercise[]).map((entry) => [
      entry.id,
      entry,
    ]),
  );
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  part(form, '[data-zone]').textContent = timeZone;
  const error = part<HTMLElement>(form, '[data-error]');
  const count = part<HTMLElement>(form, '[data-count]');
  const result = part<HTMLElement>(document, '#assign-result');
  const linkBox = part<HTMLInputElement>(result, '#assignment-link');
  const copyStatus = part<HTMLElement>(result, '[data-copy-status]');
  const sheet = part<HTMLElement>(result, '[data-sheet]');
  const rows = [...form.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  const lessonFilter = part<HTMLSelectElement>(form, '[name="lesson-filter"]');
  const skillFilter = part<HTMLSelectElement>(form, '[name="skill-filter"]');

  const picked = () =>
    [...form.querySelectorAll<HTMLInputElement>('input[name="exercise"]:checked')].map(
      (box) => box.value,
    );
  const updateCount = () => {
    const n = picked().length;
    count.textContent =
      n === 0 ? 'No exercises picked.' : `${n} exercise${n === 1 ? '' : 's'} picked.`;
  };
  const filter = () => {
    for (const row of rows) {
      const skills = JSON.parse(row.dataset.skills ?? '[]') as string[];
      const show =
        (!lessonFilter.value || row.dataset.lesson === lessonFilter.value) &&
        (!skillFilter.value || skills.includes(skillFilter.value));
      row.hidden = !show;
    }
  };
  lessonFilter.addEventListener('change', filter);
  skillFilter.addEventListener('change', filter);
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name === 'exercise') updateCount();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    const ids = picked();
    const title = String(data.get('title') ?? '').trim();
    const dueLocal = String(data.get('due') ?? '');
    const problems = [
      ids.length === 0 ? 'Pick at least one exercise in the Exercises table.' : null,
      title ? null : 'Give the assignment a title.',
      dueLocal ? null : 'Set the due date and time.',
    ].filter(Boolean);
    if (problems.length > 0) {
      error.textContent = problems.join(' ');
      return;
    }
    try {
      const exercises = ids.map((id) => {
        const raw = String(data.get(`points-${id}`) ?? '').trim();
        return raw ? { id, points: Number(raw) } : { id };
      });
      const bad = exercises.find(
        (item) => 'points' in item && !(item.points! > 0 && item.points! <= 1000),
      );
      if (bad) {
        error.textContent = `Points for ${catalog.get(bad.id)?.title ?? bad.id} must be a number from 1 to 1000, or empty for the checks' points.`;
        return;
      }
      const instructions = String(data.get('instructions') ?? '');
      const assignment = buildAssignment(
        { title, instructions, dueLocal, timeZone, exercises },
        catalog,
      );
      const root = new URL(import.meta.env.BASE_URL, location.origin).href;
      const link = await assignmentUrl(root, assignment);
      linkBox.value = link;
      renderSheet(sheet, assignment, link, catalog);
      result.hidden = false;
      copyStatus.textContent = '';
      linkBox.focus();
      linkBox.select();
    } catch (failure) {
      error.textContent = failure instanceof Error ? failure.message : String(failure);
    }
  });

  part<HTMLButtonElement>(result, '[data-copy]').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(linkBox.value);
      copyStatus.textContent = 'Link copied.';
    } catch {
      linkBox.select();
      copyStatus.textContent = 'Copying was not allowed: the link is selected, press Ctrl+C (⌘C).';
    }
  });
  part<HTMLButtonElement>(result, '[data-print]').addEventListener('click', () => window.print());
  filter();
  updateCount();
}

function renderSheet(
  sheet: HTMLElement,
  assignment: ReturnType<typeof buildAssignment>,
  link: string,
  catalog: ReadonlyMap<string, ClientExercise>,
): void {
  sheet.replaceChildren();
  add(sheet, 'h3', assignment.title);
  add(sheet, 'p', `Due: ${dueText(assignment.due, assignment.timeZone)}`);
  if (assignment.instructions) add(sheet, 'p', assignment.instructions);
  const list = document.createElement('ol');
  for (const item of assignment.exercises) {
    const entry = catalog.get(item.id);
    add(list, 'li', `${entry?.title ?? item.id}: ${item.points ?? entry?.maxPoints ?? 0} points`);
  }
  sheet.append(list);
  add(
    sheet,
    'p',
    'Scan the code or open the link, solve each exercise, then press "Download submission" and hand in the file:',
  );
  const figure = add(sheet, 'figure');
  figure.className = 'assignment-sheet-qr';
  figure.append(linkQrCode(link, `QR code of the link to ${assignment.title}`));
  const code = add(figure, 'figcaption', link);
  code.className = 'assignment-sheet-link';
}
