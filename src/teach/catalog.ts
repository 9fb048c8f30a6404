/**
 * The exercise catalog the teacher tools read: every exercise's id, title, points, checks
 * fingerprint and compiled checks. Built at build time for the pages (`/teach/exercises.json`, from
 * src/pages/teach/exercises.json.ts) and on the fly in Node (node/exercise-catalog.ts), computed the
 * same way in both (fingerprint.ts over checks.ts, compile-checks.ts for the module).
 */
import type { Assignment } from './assignment-link.ts';

export interface CatalogCheck {
  name: string;
  points: number;
}

export interface CatalogExercise {
  id: string;
  /** The lesson folder, e.g. `03-response-errors`. */
  lesson: string;
  title: string;
  difficulty: number;
  minutes: number;
  skills: string[];
  /** `sha256-…` of checks.ts (fingerprint.ts). */
  fingerprint: string;
  /** `sha256-…` of start.ts after normalizeCode (fingerprint.ts): code equal to it is "not attempted". */
  starterFingerprint: string;
  checks: CatalogCheck[];
  /** Sum of the checks' points. */
  maxPoints: number;
  /** checks.ts compiled with `course:checks` bundled in, as the sandbox loads it. */
  checksJs: string;
}

export type Catalog = ReadonlyMap<string, CatalogExercise>;

export function catalogById(list: readonly CatalogExercise[]): Catalog {
  return new Map(list.map((exercise) => [exercise.id, exercise]));
}

export interface ChecksProblem {
  exercise: string;
  kind: 'missing' | 'changed';
  message: string;
}

/**
 * Exercises of `assignment` whose checks the site no longer has, or whose checks changed since the
 * link was made (their grades would not mean what they meant when the work was assigned).
 */
export function checksProblems(assignment: Assignment, catalog: Catalog): ChecksProblem[] {
  const problems: ChecksProblem[] = [];
  for (const assigned of assignment.exercises) {
    const current = catalog.get(assigned.id);
    if (!current) {
      problems.push({
        exercise: assigned.id,
        kind: 'missing',
        message: `The exercise "${assigned.id}" is no longer on this site, so it cannot be re-run. Grade with the site version the assignment was made for, or make a new assignment.`,
      });
    } else if (current.fingerprint !== assigned.fingerprint) {
      problems.push({
        exercise: assigned.id,
        kind: 'changed',
        message: `The checks of "${assigned.id}" changed after this assignment was made, so its points may differ from what students saw. Grade anyway to use the current checks, or make a new assignment.`,
      });
    }
  }
  return problems;
}
