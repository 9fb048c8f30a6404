/**
 * The exercise catalog in Node (CLI, bench, tests), built from lessons/ the same way the site builds
 * /teach/exercises.json: fingerprint.ts over checks.ts, compile-checks.ts for the module, and the
 * check list read by evaluating the compiled module (the course's own trusted content; only learner
 * code needs the sandbox).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { RUN_SCOPE_BINDING } from '../../runner/run-scope-names.ts';
import { compileChecks, findExercises, type ExerciseFiles } from '../../checker/exercises.ts';
import type { CatalogCheck, CatalogExercise } from '../catalog.ts';
import { fingerprintChecks, fingerprintCode } from '../fingerprint.ts';

function frontmatter(folder: string): Record<string, unknown> {
  const text = readFileSync(join(folder, 'exercise.mdx'), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return match ? (parseYaml(match[1]!) as Record<string, unknown>) : {};
}

/** The checks' names and points, read from the compiled module. */
export async function listCheckPoints(checksJs: string, file: string): Promise<CatalogCheck[]> {
  const { code } = await esbuild.transform(checksJs, { format: 'cjs', loader: 'js' });
  const module: { exports: { default?: unknown } } = { exports: {} };
  // Compiled code reads its run's scope (run-scope-names.ts); these checks only list, in this process.
  new Function('module', 'exports', RUN_SCOPE_BINDING, code)(module, module.exports, globalThis);
  const list = module.exports.default;
  if (!Array.isArray(list))
    throw new Error(`${file}: export a list of checks as the default export.`);
  return (list as CatalogCheck[]).map((item) => ({ name: item.name, points: item.points }));
}

export async function catalogEntry(exercise: ExerciseFiles): Promise<CatalogExercise> {
  const meta = frontmatter(exercise.folder);
  const checksJs = await compileChecks(exercise);
  const checks = await listCheckPoints(checksJs, join(exercise.folder, 'checks.ts'));
  return {
    id: exercise.id,
    lesson: exercise.lesson,
    title: typeof meta.title === 'string' ? meta.title : exercise.id,
    difficulty: typeof meta.difficulty === 'number' ? meta.difficulty : 1,
    minutes: typeof meta.minutes === 'number' ? meta.minutes : 0,
    skills: Array.isArray(meta.skills) ? meta.skills.map(String) : [],
    fingerprint: await fingerprintChecks(exercise.checks),
    starterFingerprint: await fingerprintCode(exercise.start),
    checks,
    maxPoints: checks.reduce((sum, item) => sum + item.points, 0),
    checksJs,
  };
}

/** Every exercise in lessons/, in lesson then id order. */
export async function loadCatalog(): Promise<CatalogExercise[]> {
  return Promise.all(findExercises().map((exercise) => catalogEntry(exercise)));
}
