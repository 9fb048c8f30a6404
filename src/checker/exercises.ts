/**
 * Finds exercises on disk (Node only): `lessons/<NN-lesson>/exercises/<id>/` with start.ts, solution.ts and
 * checks.ts, and compiles a checks module with the checks API bundled in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { compileChecksSource } from './compile-checks.ts';

const LESSONS = fileURLToPath(new URL('../../lessons/', import.meta.url));
const CHECKS_API = fileURLToPath(new URL('./checks-api.ts', import.meta.url));

export interface ExerciseFiles {
  id: string;
  lesson: string;
  folder: string;
  start: string;
  solution: string;
  checks: string;
}

export function findExercises(): ExerciseFiles[] {
  const found: ExerciseFiles[] = [];
  for (const lesson of readdirSync(LESSONS).sort()) {
    const dir = join(LESSONS, lesson, 'exercises');
    if (!existsSync(dir)) continue;
    for (const id of readdirSync(dir).sort()) {
      const folder = join(dir, id);
      const read = (name: string) => readFileSync(join(folder, name), 'utf8');
      found.push({
        id,
        lesson,
        folder,
        start: read('start.ts'),
        solution: read('solution.ts'),
        checks: read('checks.ts'),
      });
    }
  }
  return found;
}

/** The checks module as the sandbox loads it; a compile error names the file and the line. */
export async function compileChecks(exercise: ExerciseFiles): Promise<string> {
  return compileChecksSource(
    esbuild,
    exercise.checks,
    readFileSync(CHECKS_API, 'utf8'),
    join(exercise.folder, 'checks.ts'),
  );
}
