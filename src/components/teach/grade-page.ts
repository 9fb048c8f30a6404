/**
 * The Grade page's behaviour: reads the link and the files (src/teach/submission-files.ts), re-runs
 * every exercise in the page's sandboxes (src/teach/grade-submissions.ts with the browser's judge),
 * shows progress, the "Grades" table and each student's code beside its check results, and writes
 * the CSV (src/teach/grades-csv.ts), and the class overview (src/teach/class-overview.ts, drawn by
 * class-overview-view.ts). Files are read in the page; nothing is sent anywhere.
 */
import { judge, type Results } from '../../checker/judge.ts';
import { decodeAssignmentLink } from '../../teach/assignment-link.ts';
import {
  catalogById,
  checksProblems,
  type Catalog,
  type CatalogExercise,
} from '../../teach/catalog.ts';
import { summaryCsv } from '../../teach/class-overview-csv.ts';
import { classOverview } from '../../teach/class-overview.ts';
import {
  gradeSubmissions,
  keepFile,
  type GradeFlag,
  type GradeReport,
  type StudentGrade,
} from '../../teach/grade-submissions.ts';
import {
  CSV_BOM,
  CSV_PRESETS,
  gradesCsv,
  missingIdWarning,
  type CsvPreset,
} from '../../teach/grades-csv.ts';
import { maxSubmissionBytes } from '../../teach/submission.ts';
import { readSubmissionFiles, type SubmissionFile } from '../../teach/submission-files.ts';
import { assertNever } from '../../runner/assert-never.ts';
import { getGradingRunner } from '../live-example/runner-instance.ts';
import { renderClassOverview } from './class-overview-view.ts';
import { add, part } from './page-parts.ts';

/** Real milliseconds one check may run while grading (what ends a student's endless loop). */
const CHECK_TIME_LIMIT_MS = 10_000;

/** Reads a chosen file; one over the size limit is not read at all (its size says enough). */
async function readChosen(file: File): Promise<SubmissionFile> {
  const text = file.size > maxSubmissionBytes ? '' : await file.text();
  return { name: file.name, text, size: file.size };
}

export function startGradePage(form: HTMLFormElement): void {
  // The page's own parts: the site header has a [data-results] and a [data-status] of its own.
  const page = form.closest('article') ?? document;
  const link = part<HTMLInputElement>(page, '#grade-link');
  const input = part<HTMLInputElement>(page, '#grade-files');
  const error = part(page, '[data-error]');
  const stop = part<HTMLButtonElement>(page, '[data-stop]');
  const progressBox = part(page, '[data-progress]');
  const progress = progressBox.querySelector('progress')!;
  const count = part(page, '[data-count]');
  const refusedList = part(page, '[data-refused]');
  const refusedSection = part(page, '[data-refused-section]');
  const results = part(page, '[data-results]');
  const table = part<HTMLTableElement>(page, '[data-table]');
  const detail = part(page, '[data-detail]');
  const preset = part<HTMLSelectElement>(page, '#grade-preset');
  const overviewSection = part(page, '[data-overview]');
  const overviewBody = part(page, '[data-overview-body]');
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  let report: GradeReport | null = null;
  /** The catalog the report was graded with: the table's headers show its titles. */
  let reportCatalog: Catalog = new Map();
  let grading: AbortController | null = null;
  let catalogLoad: Promise<CatalogExercise[]> | null = null;

  form.addEventListener('dragover', (event) => {
    event.preventDefault();
    form.classList.add('is-dragging');
  });
  form.addEventListener('dragleave', (event) => {
    // Moving over the form's own fields is not leaving it.
    if (!form.contains(event.relatedTarget as Node | null)) form.classList.remove('is-dragging');
  });
  form.addEventListener('drop', (event) => {
    event.preventDefault();
    form.classList.remove('is-dragging');
    const files = event.dataTransfer?.files;
    if (!files?.length) return;
    // Dropped files become the input's choice: the page shows them, and Grade reads them, alike.
    input.files = files;
    error.textContent = '';
  });
  stop.addEventListener('click', () => grading?.abort());
  // The details open in a row right under the student's row, inside the table's region.
  const detailRow = document.createElement('tr');
  detailRow.className = 'grade-detail-row';
  const detailCell = add(detailRow, 'td') as HTMLTableCellElement;
  detailCell.append(detail);
  let detailOpener: HTMLButtonElement | null = null;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void grade();
  });

  const csvButton = part<HTMLButtonElement>(page, '[data-csv]');
  // What the teacher should know about the file just saved (rows an LMS cannot match, Canvas's
  // column names); made here so the page's markup stays as it is.
  // Made on the first download, so the page has one status line until then.
  let csvNote: HTMLElement | null = null;
  csvButton.addEventListener('click', () => {
    if (!report) return;
    if (!csvNote) {
      csvNote = document.createElement('p');
      csvNote.setAttribute('role', 'status');
      csvNote.className = 'grade-csv-note';
      csvButton.parentElement!.after(csvNote);
    }
    const chosen = (CSV_PRESETS as readonly string[]).includes(preset.value)
      ? (preset.value as CsvPreset)
      : 'full';
    csvNote.textContent = [
      missingIdWarning(report, chosen),
      chosen === 'canvas'
        ? `Canvas: the column "${report.assignment.title}" becomes a new assignment. To fill an existing one, rename the column to its name in Canvas's own gradebook export, "Title (id)", e.g. "${report.assignment.title} (12345)".`
        : null,
    ]
      .filter(Boolean)
      .join(' ');
    download(`grades-${chosen}.csv`, gradesCsv(report, chosen));
  });

  /** Saves a file the page made (the grades, the summary), with a byte order mark for Excel. */
  function download(name: string, csv: string): void {
    const url = URL.createObjectURL(new Blob([CSV_BOM, csv], { type: 'text/csv;charset=utf-8' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = name;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  part<HTMLButtonElement>(page, '[data-summary-csv]').addEventListener('click', () => {
    if (report) download('class-summary.csv', summaryCsv(classOverview(report, reportCatalog)));
  });

  async function grade(): Promise<void> {
    error.textContent = '';
    const decoded = await decodeAssignmentLink(link.value.trim());
    if (!decoded.ok) {
      error.textContent = link.value.trim()
        ? decoded.message
        : 'Paste the assignment link first (the one you gave your students).';
      link.focus();
      return;
    }
    const files = [...(input.files ?? [])];
    if (files.length === 0) {
      error.textContent = 'Choose the submission files to grade (or drop them onto this form).';
      input.focus();
      return;
    }
    const assignment = decoded.assignment;
    catalogLoad ??= fetch(new URL('/teach/exercises.json', location.href)).then(
      (response) => response.json() as Promise<CatalogExercise[]>,
    );
    let catalog;
    try {
      catalog = catalogById(await catalogLoad);
    } catch {
      catalogLoad = null;
      error.textContent = 'The exercise catalog did not load. Check the connection and try again.';
      return;
    }
    const missing = checksProblems(assignment, catalog).filter((p) => p.kind === 'missing');
    if (missing.length) {
      error.textContent = missing.map((problem) => problem.message).join(' ');
      return;
    }

    const verdicts = readSubmissionFiles(await Promise.all(files.map(readChosen)), assignment);
    refusedList.replaceChildren();
    for (const verdict of verdicts) if (!verdict.ok) add(refusedList, 'li', verdict.message);
    refusedSection.hidden = refusedList.childElementCount === 0;
    const accepted = verdicts.flatMap((verdict) =>
      verdict.ok ? [{ file: verdict.file, submission: verdict.submission }] : [],
    );
    if (accepted.length === 0) {
      error.textContent = 'None of the files can be graded: the list below says why for each.';
      return;
    }

    grading = new AbortController();
    submit.disabled = true;
    stop.disabled = false;
    progressBox.hidden = false;
    progress.value = 0;
    count.textContent = 'Grading…';
    const runner = getGradingRunner();
    try {
      report = await gradeSubmissions({
        assignment,
        catalog,
        submissions: accepted,
        judge: (code, exercise, { signal }) =>
          judge(runner, code, {
            exercise: exercise.id,
            checksJs: exercise.checksJs,
            timeLimitMs: CHECK_TIME_LIMIT_MS,
            signal,
          }),
        concurrency: 2,
        signal: grading.signal,
        onProgress: (done, total) => {
          progress.max = total;
          progress.value = done;
          count.textContent = `${done} of ${total} exercises graded`;
        },
      });
    } finally {
      submit.disabled = false;
      stop.disabled = true;
    }
    if (report.stopped) {
      count.textContent = 'Stopped: press Grade to grade the files again.';
      report = null;
      results.hidden = true;
      overviewSection.hidden = true;
      return;
    }
    reportCatalog = catalog;
    renderTable(report);
    results.hidden = false;
    overviewSection.hidden = false;
  }

  function renderTable(graded: GradeReport): void {
    closeDetail(false);
    table.replaceChildren();
    const ids = graded.assignment.exercises.map((exercise) => exercise.id);
    const head = add(add(table, 'thead'), 'tr');
    const columns = ['Student', 'Student ID', ...ids, 'Total', "Late (student's claim)", 'Flags'];
    for (const [index, label] of columns.entries()) {
      const isExercise = index >= 2 && index < columns.length - 3;
      const th = add(head, 'th', isExercise ? titleOf(label) : label);
      th.setAttribute('scope', 'col');
      // The id stays visible under the title: the CSV's columns and the CLI's output use it.
      if (isExercise) add(th, 'code', label).className = 'grade-column-id';
      if (index === 0) th.classList.add('teach-sticky-start');
      if (label === 'Total' && !isExercise) th.classList.add('teach-sticky-end');
    }
    detailCell.colSpan = columns.length;
    const body = add(table, 'tbody');
    // The overview's links go to a student's row: its header is the target, focusable by script.
    const rowIds = new Map(
      graded.students.map((student, index) => [student.file, `grade-row-${index}`]),
    );
    for (const student of graded.students) {
      const row = add(body, 'tr');
      const name = add(row, 'th', student.name);
      name.setAttribute('scope', 'row');
      name.className = 'teach-sticky-start';
      name.id = rowIds.get(student.file)!;
      name.tabIndex = -1;
      add(row, 'td', student.studentId ?? '');
      for (const exercise of student.exercises) {
        const cell = add(row, 'td');
        const show = add(
          cell,
          'button',
          `${exercise.points} / ${exercise.maxPoints}`,
        ) as HTMLButtonElement;
        show.setAttribute('type', 'button');
        show.setAttribute('aria-expanded', 'false');
        // Said in the cell it concerns, so the Flags column stays one short line.
        if (exercise.notAttempted) add(cell, 'span', 'not attempted').className = 'grade-cell-note';
        show.setAttribute(
          'aria-label',
          `${student.name}, ${titleOf(exercise.id)}: ${exercise.points} of ${exercise.maxPoints} points${exercise.claimedDiffers ? ', claimed results differ' : ''}${exercise.notAttempted ? ', not attempted' : ''}`,
        );
        show.addEventListener('click', () =>
          detailOpener === show ? closeDetail(true) : showDetail(student, exercise.id, show),
        );
      }
      add(row, 'td', `${student.total} / ${student.maxTotal}`).className = 'teach-sticky-end';
      add(row, 'td', student.claimedLate ? 'late' : '');
      const flags = add(
        row,
        'td',
        student.flags
          .filter((flag) => flag !== 'claimed-late')
          .map((flag) => flagText(flag, student))
          .join(', '),
      );
      if (student.duplicates.length > 0) {
        // Two files for one student: both are shown, and only the teacher decides which counts.
        flags.append(' ');
        const keep = add(flags, 'button', 'Keep this file');
        keep.setAttribute('type', 'button');
        keep.setAttribute('aria-label', `Keep ${student.file} for ${student.name}`);
        keep.addEventListener('click', () => {
          if (!report) return;
          report = keepFile(report, student.file);
          renderTable(report);
          count.textContent = `Kept ${student.file} for ${student.name}; ${student.duplicates.join(', ')} left out of the grades and the CSV.`;
        });
      }
    }
    // Drawn with the table, so keeping a file updates both.
    renderClassOverview(overviewBody, classOverview(graded, reportCatalog), {
      rowHref: (file) => `#${rowIds.get(file)}`,
    });
  }

  function titleOf(id: string): string {
    return reportCatalog.get(id)?.title ?? id;
  }

  function closeDetail(returnFocus: boolean): void {
    detailOpener?.setAttribute('aria-expanded', 'false');
    if (returnFocus) detailOpener?.focus();
    detailOpener = null;
    detailRow.remove();
    detail.hidden = true;
  }

  function showDetail(student: StudentGrade, id: string, opener: HTMLButtonElement): void {
    const exercise = student.exercises.find((entry) => entry.id === id);
    if (!exercise) return;
    closeDetail(false);
    detailOpener = opener;
    opener.setAttribute('aria-expanded', 'true');
    opener.closest('tr')?.after(detailRow);
    detail.replaceChildren();
    const top = add(detail, 'div');
    top.className = 'grade-detail-top';
    const heading = add(top, 'h3', `${student.name}: ${titleOf(id)}`);
    heading.tabIndex = -1;
    const close = add(top, 'button', 'Close');
    close.setAttribute('type', 'button');
    close.className = 'button';
    close.setAttribute('aria-label', `Close ${student.name}: ${titleOf(id)}`);
    close.addEventListener('click', () => closeDetail(true));
    add(
      detail,
      'p',
      `${exercise.points} of ${exercise.maxPoints} points.${exercise.claimedDiffers ? ' The results in the file differ from this re-run.' : ''}`,
    );
    const pre = add(detail, 'pre', exercise.code ?? '(no code handed in)');
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `Code of ${student.name} for ${titleOf(id)}`);
    const list = add(detail, 'ul');
    list.setAttribute('aria-label', 'Check results');
    for (const test of (exercise.results as Results | null)?.tests ?? []) {
      const verdict =
        test.status === 'pass' ? 'passed' : test.status === 'fail' ? 'failed' : 'error';
      add(
        list,
        'li',
        `${test.name}: ${verdict} (${test.points}/${test.maxPoints})${test.message ? `. ${test.message}` : ''}`,
      );
    }
    detail.hidden = false;
    heading.focus();
  }
}

function flagText(flag: GradeFlag, student: StudentGrade): string {
  switch (flag) {
    case 'claimed-late':
      return 'late (student’s claim)';
    case 'claimed-differs':
      return 'claimed results differ';
    case 'not-submitted':
      return 'exercise not handed in';
    case 'not-attempted':
      return `not attempted: ${student.exercises.filter((exercise) => exercise.notAttempted).length} of ${student.exercises.length} (starter code unchanged)`;
    case 'not-judged':
      return 'not judged';
    case 'duplicate':
      return `duplicate: ${student.file} and ${student.duplicates.join(', ')} are the same student`;
    default:
      return assertNever(flag);
  }
}
