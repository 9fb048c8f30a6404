/**
 * Draws the Grade page's "Class overview" (src/teach/class-overview.ts) into its section: the score
 * distribution and each exercise's pass rates as tables whose cells hold a bar beside the number
 * (the number is the text; the bar only repeats it), the most frequent mistakes as a list, and
 * behind every figure a disclosure with the students, each a link to their row in the Grades table.
 * Student names come from uploaded files: all text goes in through textContent (add()).
 */
import type { ClassOverview, StudentRef } from '../../teach/class-overview.ts';
import { add } from './page-parts.ts';

export interface OverviewLinks {
  /** The fragment of a student's row in the Grades table, e.g. `#grade-row-3`. */
  rowHref: (file: string) => string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "3 students", opening onto their names, each linking to their row; "none" when empty. */
function studentsDisclosure(parent: Element, students: StudentRef[], links: OverviewLinks): void {
  if (students.length === 0) {
    add(parent, 'span', 'none').className = 'overview-none';
    return;
  }
  const details = add(parent, 'details');
  details.className = 'overview-students';
  add(details, 'summary', plural(students.length, 'student'));
  const list = add(details, 'ul');
  for (const student of students) {
    const link = add(add(list, 'li'), 'a', student.name) as HTMLAnchorElement;
    link.href = links.rowHref(student.file);
  }
}

/** A bar `share` (0–1) of its track wide; hidden from screen readers: the cell's number says it. */
function bar(parent: Element, share: number): void {
  const track = add(parent, 'span');
  track.className = 'overview-bar';
  track.setAttribute('aria-hidden', 'true');
  const fill = add(track, 'span');
  // Set through the CSSOM, which the page's CSP allows (a style attribute it would refuse).
  fill.style.inlineSize = `${Math.round(share * 1000) / 10}%`;
}

/** A table that scrolls inside its own focusable, labelled region when the screen is narrow. */
function scrollingTable(parent: Element, name: string, columns: string[]): HTMLElement {
  const wrap = add(parent, 'div');
  wrap.className = 'teach-scroll overview-table-wrap';
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', `${name} table`);
  wrap.tabIndex = 0;
  const table = add(wrap, 'table');
  table.setAttribute('aria-label', name);
  const head = add(add(table, 'thead'), 'tr');
  for (const column of columns) add(head, 'th', column).setAttribute('scope', 'col');
  return add(table, 'tbody');
}

function rowHeader(row: Element, text: string): void {
  add(row, 'th', text).setAttribute('scope', 'row');
}

export function renderClassOverview(
  body: HTMLElement,
  overview: ClassOverview,
  links: OverviewLinks,
): void {
  body.replaceChildren();
  const { scores } = overview;
  add(
    body,
    'p',
    scores.mean === null
      ? 'No file was graded.'
      : `${plural(overview.graded, 'file')} graded: mean ${scores.mean}, median ${scores.median} of ${scores.maxTotal} points.`,
  );
  if (overview.duplicates.length > 0) {
    add(
      body,
      'p',
      `${plural(overview.duplicates.length, 'file')} belong to a student who handed in more than one; each counts here until you press "Keep this file" in the Grades.`,
    ).className = 'overview-note';
  }

  // Side by side where the screen is wide (teacher pages take its width), one column on a phone.
  const grid = add(body, 'div');
  grid.className = 'overview-grid';
  const scoresBlock = add(grid, 'div');
  add(scoresBlock, 'h3', 'Score distribution');
  const most = Math.max(1, ...scores.buckets.map((bucket) => bucket.students.length));
  const distribution = scrollingTable(scoresBlock, 'Score distribution', [
    'Score',
    'Files',
    'Students',
  ]);
  for (const bucket of scores.buckets) {
    const row = add(distribution, 'tr');
    rowHeader(row, bucket.label);
    const count = add(row, 'td');
    count.className = 'overview-figure';
    bar(count, bucket.students.length / most);
    add(count, 'span', String(bucket.students.length));
    studentsDisclosure(add(row, 'td'), bucket.students, links);
  }

  renderMistakes(add(grid, 'div'), overview, links);

  const checksBlock = add(grid, 'div');
  checksBlock.className = 'overview-wide';
  add(checksBlock, 'h3', 'Pass rate of each check');
  const exercises = add(checksBlock, 'div');
  exercises.className = 'overview-exercises';
  for (const exercise of overview.exercises) {
    const block = add(exercises, 'div');
    add(block, 'h4', exercise.title);
    const counts = add(block, 'ul');
    counts.className = 'overview-counts';
    const count = (label: string, students: StudentRef[]) => {
      const item = add(counts, 'li', `${label}: `);
      studentsDisclosure(item, students, links);
    };
    count(`Attempted (${exercise.attempted.length} of ${overview.graded})`, exercise.attempted);
    count('Not attempted (starter code unchanged)', exercise.notAttempted);
    count('Not handed in', exercise.notHandedIn);
    if (exercise.noVerdict.length > 0) {
      count('No verdict (does not compile, or could not be run)', exercise.noVerdict);
    }
    const checks = scrollingTable(block, `Pass rates: ${exercise.title}`, [
      'Check',
      'Passed',
      'Did not pass',
    ]);
    for (const check of exercise.checks) {
      const row = add(checks, 'tr');
      rowHeader(row, check.name);
      const passed = add(row, 'td');
      passed.className = 'overview-figure';
      bar(passed, check.passRate ?? 0);
      add(
        passed,
        'span',
        check.passRate === null
          ? 'nobody attempted it'
          : `${check.passed.length} of ${exercise.attempted.length} (${Math.round(check.passRate * 100)}%)`,
      );
      studentsDisclosure(add(row, 'td'), check.notPassed, links);
    }
  }
}

function renderMistakes(block: HTMLElement, overview: ClassOverview, links: OverviewLinks): void {
  add(block, 'h3', 'Most frequent mistakes');
  if (overview.mistakes.length === 0) {
    add(
      block,
      'p',
      "The checks' network traces show none of the mistakes the course recognises (retrying a 404, a request without a signal, …).",
    );
    return;
  }
  const titles = new Map(overview.exercises.map((exercise) => [exercise.id, exercise.title]));
  const list = add(block, 'ol');
  list.className = 'overview-mistakes';
  list.setAttribute('aria-label', 'Most frequent mistakes');
  for (const mistake of overview.mistakes) {
    const item = add(list, 'li');
    add(item, 'strong', mistake.summary);
    item.append(
      `: ${mistake.students.length} of ${mistake.outOf} who attempted ${titles.get(mistake.exercise) ?? mistake.exercise} (${mistake.checks.join('; ')}). `,
    );
    studentsDisclosure(item, mistake.students, links);
    const message = add(item, 'p');
    message.className = 'overview-message';
    // `backticks` in trace feedback mark code, as on the exercise page.
    mistake.message.split('`').forEach((part, index) => {
      if (index % 2 === 1) add(message, 'code', part);
      else message.append(part);
    });
  }
}
