/**
 * The assignment and submission files the grading benchmarks hand to `grade` and the Grade page:
 * real course exercises, due far ahead, and a student's file as the assignment page saves it.
 */
import type { Assignment } from '../../src/teach/assignment-link.ts';
import { buildAssignment } from '../../src/teach/build-assignment.ts';
import { catalogById, type Catalog } from '../../src/teach/catalog.ts';
import { loadCatalog } from '../../src/teach/node/exercise-catalog.ts';
import { createSubmission } from '../../src/teach/submission.ts';

export async function benchAssignment(
  ids: readonly string[],
): Promise<{ assignment: Assignment; catalog: Catalog }> {
  const catalog = catalogById(await loadCatalog());
  const missing = ids.filter((id) => !catalog.has(id));
  if (missing.length) throw new Error(`Exercises not in the course: ${missing.join(', ')}.`);
  const assignment = buildAssignment(
    {
      title: 'Bench',
      dueLocal: '2030-01-01T00:00',
      timeZone: 'UTC',
      exercises: ids.map((id) => ({ id })),
    },
    catalog,
  );
  return { assignment, catalog };
}

/** A student's submission file, as JSON text: `codeOf` gives their code for each exercise. */
export function benchSubmission(
  assignment: Assignment,
  student: { name: string; id: string },
  codeOf: (id: string) => string,
): string {
  return JSON.stringify(
    createSubmission({
      assignment,
      student,
      exercises: assignment.exercises.map(({ id }) => ({
        id,
        code: codeOf(id),
        results: null,
        checkedAt: null,
      })),
      startedAt: null,
      siteVersion: 'bench',
    }),
  );
}
