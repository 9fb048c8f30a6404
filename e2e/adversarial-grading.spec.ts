/**
 * The second red-team's attacks on grades, through state that outlived a run:
 * - a wrong answer that counts its own runs (marks on globals, storage, hidden prototypes) and
 *   behaves only once it finds an earlier one: on the exercise page it passes nothing;
 * - a hostile student's answers try to poison whatever outlives a run (the mock's response classes
 *   through a 1xx, the platform's prototypes, own properties on globals, V8's stack hooks), and the
 *   same student hands in an honest student's exact code for another exercise, so that a verdict
 *   reached in a poisoned sandbox would be reused for the honest one. The honest student keeps full
 *   marks, in the page and in the CLI.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGradeCli } from '../scripts/course-cli/grade.ts';
import type { GradeReport } from '../src/teach/grade-submissions.ts';
import { runCountingAnswer } from '../src/checker/run-counting-answer.ts';
import { createSubmission } from '../src/teach/submission.ts';
import { expect, test } from './fixtures';
import { exerciseSource, makeAssignment } from './teach-helpers';

test.describe.configure({ timeout: 300_000 });

const POISON = `
const g = globalThis as any;
const targets: any[] = [];
try { await fetch('https://api.example.com/status/101'); } catch {}
try {
  const answered = await fetch('https://api.example.com/users/1');
  for (let proto = Object.getPrototypeOf(answered); proto; proto = Object.getPrototypeOf(proto)) targets.push(proto);
} catch {}
targets.push(Response.prototype, Headers.prototype, Object.getPrototypeOf(new Headers().entries()));
for (const target of targets) {
  try { Object.defineProperty(target, 'status', { get: () => 503, configurable: true }); } catch {}
  try { Object.defineProperty(target, 'ok', { get: () => false, configurable: true }); } catch {}
}
for (const holder of [atob, structuredClone, queueMicrotask, localStorage, g]) {
  try { holder.poisoned = true; } catch {}
}
try { localStorage.setItem('poisoned', '1'); } catch {}
try { (Error as any).prepareStackTrace = () => 'poisoned'; } catch {}
export async function getJson(): Promise<never> { throw new Error('not solved'); }
`;

const FETCH_USER = join(
  import.meta.dirname,
  '..',
  'lessons/03-response-errors/exercises/fetch-user',
);
const SOLUTION = readFileSync(join(FETCH_USER, 'solution.ts'), 'utf8');
const CHECK_COUNT = (readFileSync(join(FETCH_USER, 'checks.ts'), 'utf8').match(/\bcheck\(/g) ?? [])
  .length;

const COUNTING = runCountingAnswer(SOLUTION);

test('a wrong answer that behaves only after finding an earlier run of itself passes no check', async ({
  page,
}) => {
  await page.goto('/exercises/fetch-user/');
  const region = page.getByRole('region', {
    name: 'Exercise: Fetch a user, and name every failure',
  });
  const editor = region.getByRole('textbox', {
    name: 'Code editor: Fetch a user, and name every failure',
  });
  // At phone width the exercise opens the plain editor: the test is about the sandbox, not Monaco.
  await page.setViewportSize({ width: 390, height: 844 });
  await region.locator('.exercise-static pre').click();
  await editor.fill(COUNTING);
  await expect
    .poll(() =>
      region.locator('course-exercise').evaluate((element) => (element as { code?: string }).code),
    )
    .toBe(COUNTING);
  await region.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(region.getByRole('status')).toHaveText(`0 of ${CHECK_COUNT} checks passed.`, {
    timeout: 150_000,
  });
});

test('a hostile student cannot lower an honest student who handed in the same code (page and CLI)', async ({
  page,
  baseURL,
}) => {
  const { assignment, link } = await makeAssignment(baseURL!, ['timeout-get-json', 'fetch-user']);
  const honestCode = exerciseSource('fetch-user', 'solution');
  const file = (name: string, code: Record<string, string>) =>
    createSubmission({
      assignment,
      student: { name },
      exercises: Object.entries(code).map(([id, text]) => ({
        id,
        code: text,
        results: null,
        checkedAt: null,
      })),
      startedAt: null,
      siteVersion: 'test',
    });
  const dir = tmpdir();
  // The hostile file comes first, so its copy of the honest code is judged (and cached) first.
  const hostile = join(dir, 'hal.json');
  const honest = join(dir, 'hana.json');
  await writeFile(
    hostile,
    JSON.stringify(file('Hostile Hal', { 'timeout-get-json': POISON, 'fetch-user': honestCode })),
  );
  await writeFile(
    honest,
    JSON.stringify(
      file('Honest Hana', {
        'timeout-get-json': exerciseSource('timeout-get-json', 'solution'),
        'fetch-user': honestCode,
      }),
    ),
  );

  await page.goto('/teach/grade/');
  await page.getByRole('textbox', { name: 'Assignment link' }).fill(link);
  await page.getByLabel('Submissions').setInputFiles([hostile, honest]);
  await page.getByRole('button', { name: 'Grade', exact: true }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('4 of 4 exercises graded', {
    timeout: 240_000,
  });

  const cli = await runGradeCli([
    '--assignment',
    link,
    '--format',
    'json',
    '--time-limit-ms',
    '10000',
    hostile,
    honest,
  ]);
  const report = JSON.parse(cli.output!) as GradeReport;
  const hana = report.students.find((student) => student.name === 'Honest Hana')!;
  const hal = report.students.find((student) => student.name === 'Hostile Hal')!;
  expect(hana.total).toBe(hana.maxTotal);
  const fetchUser = (student: typeof hal) =>
    student.exercises.find((exercise) => exercise.id === 'fetch-user')!;
  expect(fetchUser(hal).points).toBe(fetchUser(hal).maxPoints);
  expect(fetchUser(hal).points).toBeGreaterThan(0);

  const table = page.getByRole('table', { name: 'Grades' });
  const row = (name: string) =>
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row('Honest Hana')).toContainText(`${hana.maxTotal} / ${hana.maxTotal}`);
  await expect(row('Hostile Hal')).toContainText(`${hal.total} / ${hal.maxTotal}`);
  expect(hal.total).toBe(fetchUser(hal).maxPoints);
});
