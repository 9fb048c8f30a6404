/**
 * The exercise catalog at build time (src/teach/catalog.ts): the exercises collection with each
 * exercise's checks fingerprint, computed over checks.ts exactly as the CLI computes it. Used by
 * /teach/exercises.json and the Assign page.
 */
import type { CatalogExercise } from '../teach/catalog';
import { fingerprintChecks, fingerprintCode } from '../teach/fingerprint';
import { getExercises } from './exercises';

const checksSources = import.meta.glob<string>('/lessons/*/exercises/*/checks.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

let catalog: Promise<CatalogExercise[]> | null = null;

export function getTeachCatalog(): Promise<CatalogExercise[]> {
  catalog ??= getExercises().then((exercises) =>
    Promise.all(
      exercises.map(async (exercise) => {
        const folder = (exercise.entry.filePath ?? '').replace(/\/exercise\.mdx$/, '');
        const source = checksSources[`/${folder}/checks.ts`];
        if (source === undefined) throw new Error(`${folder}: checks.ts is missing.`);
        const { id, title, difficulty, minutes, skills } = exercise.entry.data;
        const checks = exercise.checks.map(({ name, points }) => ({ name, points }));
        return {
          id,
          lesson: folder.replace(/^lessons\//, '').replace(/\/exercises\/.*$/, ''),
          title,
          difficulty,
          minutes,
          skills,
          fingerprint: await fingerprintChecks(source),
          starterFingerprint: await fingerprintCode(exercise.start),
          checks,
          maxPoints: checks.reduce((sum, check) => sum + check.points, 0),
          checksJs: exercise.checksJs,
        };
      }),
    ),
  );
  return catalog;
}
