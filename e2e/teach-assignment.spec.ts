/**
 * The student's side of an assignment: the link opens the assignment page, which shows the
 * assignment, keeps the student's work per assignment, and downloads a valid submission. At 390 px
 * (the plain editor), as many students will open the link on a phone.
 */
import { readFile } from 'node:fs/promises';
import Ajv from 'ajv/dist/2020.js';
import { submissionSchema } from '../src/teach/submission.ts';
import { axe, expect, test } from './fixtures';
import {
  assignedExercise,
  downloadSubmission,
  exerciseSource,
  makeAssignment,
  solveAndCheck,
} from './teach-helpers';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
test.describe.configure({ timeout: 240_000 });

const FETCH_USER = 'Fetch a user, and name every failure';

test('a student opens the link, solves an exercise, downloads a valid submission; a reload keeps the work', async ({
  page,
  baseURL,
}) => {
  const { assignment, link } = await makeAssignment(baseURL!, ['fetch-user', 'timeout-get-json']);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(assignment.title);
  await expect(page.getByText('Solve both. Press Check as often as you like.')).toBeVisible();
  await expect(page.getByText(/\(Europe\/Berlin\)/)).toBeVisible();
  await expect(page.getByText(/left\.$/)).toBeVisible();
  await expect(page.getByRole('region', { name: /^Exercise: / })).toHaveCount(2);
  // Graded work: no solution on offer.
  await expect(page.getByRole('button', { name: 'Show solution' })).toHaveCount(0);
  // Opening the link runs nothing: no sandbox, editor or compiler is loaded yet.
  // (The 1 KB plain-editor module is page script, not an editor being loaded.)
  expect(
    requests.filter((url) => /sandbox|create-editor|editor\.api|esbuild|\.wasm/.test(url)),
  ).toEqual([]);

  // Without a name, the download explains what to do and puts the cursor there.
  await page.getByRole('button', { name: 'Download submission' }).click();
  await expect(page.getByText(/Type your name first/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Your name' }).fill('Ada Lovelace');
  await page.getByRole('textbox', { name: 'Student ID' }).fill('s-1815');

  const solution = exerciseSource('fetch-user', 'solution');
  await solveAndCheck(page, FETCH_USER, solution);
  await expect(assignedExercise(page, FETCH_USER).status).toHaveText(/Well done!$/);

  // The other exercise is still the starter: the page asks first, and the safe choice has the focus.
  await page.getByRole('button', { name: 'Download submission' }).click();
  const confirm = page.getByRole('dialog', { name: 'Download this work as it is?' });
  await expect(confirm).toContainText(
    /Still the starter code, unchanged: .+\. Your teacher will see it as not attempted\./,
  );
  await expect(confirm).not.toContainText('Not checked since your last change');
  await expect(confirm.getByRole('button', { name: 'Keep working' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Download submission' })).toBeFocused();

  const { name, path, submission } = await downloadSubmission(page, { anyway: true });
  expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(submission);
  expect(name).toBe('week-3-errors-and-timeouts-ada-lovelace.json');
  // Valid against the documented JSON Schema and the grader's own schema.
  // Formats (date-time) are the zod schema's to check, below.
  const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(
    JSON.parse(await readFile('src/teach/submission.schema.json', 'utf8')) as object,
  );
  expect(validate(submission), JSON.stringify(validate.errors)).toBe(true);
  expect(submissionSchema.safeParse(submission).success).toBe(true);
  expect(submission.assignment.id).toBe(assignment.id);
  expect(submission.assignment.fingerprints).toEqual(
    Object.fromEntries(assignment.exercises.map((e) => [e.id, e.fingerprint])),
  );
  expect(submission.student).toEqual({ name: 'Ada Lovelace', id: 's-1815' });
  expect(submission.late).toBe(false);
  const [fetchUser, timeout] = submission.exercises;
  expect(fetchUser!.code).toBe(solution);
  expect(fetchUser!.results?.score).toBe(fetchUser!.results?.maxScore);
  expect(timeout!.code).toBe(exerciseSource('timeout-get-json', 'start'));
  expect(timeout!.results).toBeNull();

  // The work comes back with the link; the course page's own copy of the exercise is untouched.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Ada Lovelace');
  await expect.poll(assignedExercise(page, FETCH_USER).code).toBe(solution);
  await page.goto('/exercises/fetch-user/');
  await expect
    .poll(() =>
      page.locator('course-exercise').evaluate((element) => (element as { code?: string }).code),
    )
    .toBe(exerciseSource('fetch-user', 'start'));
});

test('late work is marked late, not refused', async ({ page, baseURL }) => {
  const { link } = await makeAssignment(baseURL!, ['timeout-get-json'], {
    due: '2020-01-01T09:00',
  });
  await page.goto(link);
  await expect(page.getByText(/^Late: the due time passed .* ago\./)).toBeVisible();
  await page.getByRole('textbox', { name: 'Your name' }).fill('Grace Hopper');
  const { submission } = await downloadSubmission(page, { anyway: true });
  expect(submission.late).toBe(true);
  await expect(page.getByRole('status').last()).toHaveText(/marked late/);
});

test('work changed since its last Check is named before download, and all-checked work downloads at once', async ({
  page,
  baseURL,
}) => {
  const { link } = await makeAssignment(baseURL!, ['fetch-user']);
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Grace Hopper');
  const solution = exerciseSource('fetch-user', 'solution');
  await solveAndCheck(page, FETCH_USER, solution);
  // Checked as it is: no question.
  const first = await downloadSubmission(page);
  expect(first.submission.exercises[0]!.code).toBe(solution);

  // An edit after the Check: the page asks, naming the exercise.
  const exercise = assignedExercise(page, FETCH_USER);
  await exercise.editor.fill(`${solution}\n// one more idea\n`);
  await page.getByRole('button', { name: 'Download submission' }).click();
  const confirm = page.getByRole('dialog', { name: 'Download this work as it is?' });
  await expect(confirm).toContainText(`Not checked since your last change: ${FETCH_USER}.`);
  await expect(confirm).not.toContainText('Still the starter code');
  await page.screenshot({ path: '/tmp/teachdata-confirm-390.png' });
  await confirm.getByRole('button', { name: 'Keep working' }).click();
  await expect(confirm).toHaveCount(0);
  const again = await downloadSubmission(page, { anyway: true });
  expect(again.submission.exercises[0]!.code).toContain('// one more idea');
});

test('a broken or missing link says what to do, and nothing runs', async ({ page, baseURL }) => {
  const { link } = await makeAssignment(baseURL!, ['fetch-user']);
  await page.goto(link.slice(0, -12));
  await expect(page.getByRole('alert')).toContainText('Ask the teacher who made it for a new link');
  await expect(page.getByRole('region', { name: /^Exercise: / })).toHaveCount(0);
  await page.goto('/teach/assignment/');
  await expect(page.getByRole('alert')).toContainText('Open the link your teacher gave you');
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the assignment page has no serious violations (${theme})`, async ({
    page,
    baseURL,
  }) => {
    const { link } = await makeAssignment(baseURL!, ['fetch-user', 'timeout-get-json']);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(link);
    await expect(page.getByRole('region', { name: /^Exercise: / })).toHaveCount(2);
    const results = await axe(page).exclude('.expressive-code').analyze();
    const serious = results.violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    );
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'page wider than the screen').toBeLessThanOrEqual(0);
  });
}
