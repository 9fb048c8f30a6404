/**
 * Builds an assignment from the teacher's choices and the catalog: what the Assign page's "Create
 * assignment link" and `npm run teach:link` both call, so the fingerprints always come from the
 * catalog, never from a hand-typed value.
 */
import { newAssignmentId, assignmentSchema, type Assignment } from './assignment-link.ts';
import type { CatalogExercise } from './catalog.ts';
import { zonedToIso } from './due-date.ts';

export interface AssignmentChoices {
  title: string;
  instructions?: string;
  /** Wall-clock due time in `timeZone`, as `<input type="datetime-local">` gives it (2026-12-01T23:59). */
  dueLocal: string;
  /** IANA name, e.g. the teacher's `Intl.DateTimeFormat().resolvedOptions().timeZone`. */
  timeZone: string;
  /** Exercise ids in the order students see them; `points` overrides the checks' points. */
  exercises: { id: string; points?: number }[];
  /** @default a new random id */
  id?: string;
}

/** `catalog` needs only each exercise's fingerprint (the Assign page ships no compiled checks). */
export function buildAssignment(
  choices: AssignmentChoices,
  catalog: ReadonlyMap<string, Pick<CatalogExercise, 'fingerprint'>>,
): Assignment {
  const exercises = choices.exercises.map(({ id, points }) => {
    const entry = catalog.get(id);
    if (!entry) {
      throw new Error(
        `There is no exercise "${id}". Known exercises: ${[...catalog.keys()].join(', ')}.`,
      );
    }
    return { id, fingerprint: entry.fingerprint, ...(points === undefined ? {} : { points }) };
  });
  const instructions = choices.instructions?.trim();
  return assignmentSchema.parse({
    version: 1,
    id: choices.id ?? newAssignmentId(),
    title: choices.title.trim(),
    ...(instructions ? { instructions } : {}),
    due: zonedToIso(choices.dueLocal, choices.timeZone),
    timeZone: choices.timeZone,
    exercises,
  });
}
