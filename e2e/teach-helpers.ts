/**
 * Teacher-side helpers for the e2e tests: assignment links made with the grader's own modules, and a
 * student's submission made through the assignment page the way a student makes one.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { assignmentUrl, type Assignment } from '../src/teach/assignment-link.ts';
import { buildAssignment } from '../src/teach/build-assignment.ts';
import { loadCatalog } from '../src/teach/node/exercise-catalog.ts';
import { findExercises } from '../src/checker/exercises.ts';
import type { Submission } from '../src/teach/submission.ts';
import { expect } from './fixtures';

/** An assignment of `ids` and its link on `baseURL`. */
export async function makeAssignment(
  baseURL: string,
  ids: string[],
  options: { title?: string; due?: string } = {},
): Promise<{ assignment: Assignment; link: string }> {
  const catalog = new Map((await loadCatalog()).map((entry) => [entry.id, entry]));
  const assignment = buildAssignment(
    {
      title: options.title ?? 'Week 3: errors and timeouts',
      instructions: 'Solve both. Press Check as often as you like.',
      dueLocal: options.due ?? '2099-12-01T23:59',
      timeZone: 'Europe/Berlin',
      exercises: ids.map((id) => ({ id })),
    },
    catalog,
  );
  return { assignment, link: await assignmentUrl(baseURL, assignment) };
}

/** An exercise's solution or starter, as its folder holds it. */
export function exerciseSource(id: string, file: 'solution' | 'start'): string {
  const exercise = findExercises().find((entry) => entry.id === id);
  if (!exercise) throw new Error(`No exercise ${id}.`);
  return exercise[file];
}

/** The region of one assigned exercise, found by its title. */
export function assignedExercise(page: Page, title: string) {
  const region = page.getByRole('region', { name: `Exercise: ${title}` });
  return {
    region,
    editor: region.getByRole('textbox', { name: `Code editor: ${title}` }),
    check: region.getByRole('button', { name: 'Check', exact: true }),
    status: region.getByRole('status'),
    code: () =>
      region.locator('course-exercise').evaluate((element) => (element as { code?: string }).code),
  };
}

/**
 * On the open assignment page (at a narrow viewport: the plain editor), replaces an exercise's code
 * and presses Check until the verdict shows.
 */
export async function solveAndCheck(page: Page, title: string, code: string): Promise<void> {
  const exercise = assignedExercise(page, title);
  await exercise.region.locator('.exercise-static pre').click();
  await exercise.editor.fill(code);
  await expect.poll(exercise.code).toBe(code);
  await exercise.check.click();
  await expect(exercise.status).toHaveText(/checks passed/, { timeout: 120_000 });
}

/**
 * Presses "Download submission" and returns the file's name, path and parsed content. With
 * `anyway`, the work has unchanged or unchecked exercises: the page asks first, and this presses
 * "Download anyway".
 */
export async function downloadSubmission(
  page: Page,
  options: { anyway?: boolean } = {},
): Promise<{ name: string; path: string; submission: Submission }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download submission' }).click();
  if (options.anyway) {
    await page
      .getByRole('dialog', { name: 'Download this work as it is?' })
      .getByRole('button', { name: 'Download anyway' })
      .click();
  }
  const file = await download;
  const path = await file.path();
  return {
    name: file.suggestedFilename(),
    path,
    submission: JSON.parse(await readFile(path, 'utf8')) as Submission,
  };
}
