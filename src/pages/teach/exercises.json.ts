/**
 * `/teach/exercises.json`: the exercise catalog for the teacher pages (src/teach/catalog.ts), built
 * once at build time: each exercise's metadata, check points, checks fingerprint (fingerprint.ts over
 * checks.ts, exactly as the CLI computes it) and compiled checks (the grade page re-runs with them).
 */
import type { APIRoute } from 'astro';
import { getExercises } from '../../lib/exercises';
import type { CatalogExercise } from '../../teach/catalog';
import { fingerprintChecks } from '../../teach/fingerprint';

const checksSources = import.meta.glob<string>('/lessons/*/exercises/*/checks.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const GET: APIRoute = async () => {
  const catalog: CatalogExercise[] = [];
  for (const exercise of await getExercises()) {
    const folder = (exercise.entry.filePath ?? '').replace(/\/exercise\.mdx$/, '');
    const source = checksSources[`/${folder}/checks.ts`];
    if (source === undefined) throw new Error(`${folder}: checks.ts is missing.`);
    const { id, title, difficulty, minutes, skills } = exercise.entry.data;
    const checks = exercise.checks.map(({ name, points }) => ({ name, points }));
    catalog.push({
      id,
      lesson: folder.replace(/^lessons\//, '').replace(/\/exercises\/.*$/, ''),
      title,
      difficulty,
      minutes,
      skills,
      fingerprint: await fingerprintChecks(source),
      checks,
      maxPoints: checks.reduce((sum, check) => sum + check.points, 0),
      checksJs: exercise.checksJs,
    });
  }
  return new Response(JSON.stringify(catalog), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
