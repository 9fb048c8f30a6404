/**
 * Exercises at build time: the `exercises` collection (exercise.mdx) joined with the files beside
 * each one, the checks compiled once with native esbuild (so no browser ever compiles checks), and
 * the list of checks read from the compiled module for the page's static HTML.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import * as esbuild from 'esbuild';
import checksApiSource from '../checker/checks-api.ts?raw';
import { compileChecksSource } from '../checker/compile-checks.ts';
import { RUN_SCOPE_BINDING } from '../runner/run-scope-names.ts';
import { lessonSlug } from './lesson-slug';
import { getLessons } from './lessons';

export type ExerciseEntry = CollectionEntry<'exercises'>;

export interface CheckListing {
  name: string;
  points: number;
  scenario: string;
  /** The check's body, as the learner sees it behind "Check code". */
  code: string;
}

export interface Exercise {
  entry: ExerciseEntry;
  /** The lesson's slug (its URL is /lessons/<slug>/). */
  lesson: string;
  start: string;
  solution: string;
  /** checks.ts compiled to an ES module with `course:checks` bundled in. */
  checksJs: string;
  checks: CheckListing[];
}

const FILES = ['start.ts', 'solution.ts', 'checks.ts'] as const;

/** Every exercise's .ts files as text, keyed by path from the project root. */
const sources = import.meta.glob<string>('/lessons/*/exercises/*/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function folderOf(entry: ExerciseEntry): string {
  return (entry.filePath ?? `lessons/?/exercises/${entry.id}/exercise.mdx`).replace(
    /\/exercise\.mdx$/,
    '',
  );
}

/**
 * The list the checks module exports, read by evaluating it at build time. It is the course's own
 * content (trusted); only learner code needs the sandbox.
 */
async function listChecks(js: string, file: string): Promise<CheckListing[]> {
  const { code } = await esbuild.transform(js, { format: 'cjs', loader: 'js' });
  const module: { exports: { default?: unknown } } = { exports: {} };
  // Compiled code reads its run's scope (run-scope-names.ts); listing needs no more than this realm's.
  new Function('module', 'exports', RUN_SCOPE_BINDING, code)(module, module.exports, globalThis);
  const list = module.exports.default;
  if (!Array.isArray(list)) {
    throw new Error(
      `${file}: export a list of checks as the default export (export default [...]).`,
    );
  }
  return (list as { name: string; points: number; scenario: string; run: () => unknown }[]).map(
    (item) => ({
      name: item.name,
      points: item.points,
      scenario: item.scenario,
      code: Function.prototype.toString.call(item.run),
    }),
  );
}

async function load(entry: ExerciseEntry): Promise<Exercise> {
  const folder = folderOf(entry);
  const file = `${folder}/exercise.mdx`;
  if (entry.data.id !== entry.id) {
    throw new Error(
      `${file}: frontmatter id "${entry.data.id}" must equal the folder name "${entry.id}". ` +
        'Rename the folder or change the id (ids are stable: saved work and grades use them).',
    );
  }
  const [start, solution, checks] = FILES.map((name) => {
    const text = sources[`/${folder}/${name}`];
    if (text === undefined) {
      throw new Error(`${folder}: ${name} is missing. Every exercise needs ${FILES.join(', ')}.`);
    }
    return text;
  }) as [string, string, string];
  const checksJs = await compileChecksSource(
    esbuild,
    checks,
    checksApiSource,
    `${folder}/checks.ts`,
  );
  return {
    entry,
    lesson: lessonSlug(folder.replace(/^lessons\//, '')),
    start,
    solution,
    checksJs,
    checks: await listChecks(checksJs, `${folder}/checks.ts`),
  };
}

let all: Promise<Exercise[]> | null = null;

/** Every exercise, in lesson order then id order; loaded and compiled once per build. */
export function getExercises(): Promise<Exercise[]> {
  all ??= getCollection('exercises').then((entries) =>
    Promise.all(
      entries.sort((a, b) => folderOf(a).localeCompare(folderOf(b))).map((entry) => load(entry)),
    ),
  );
  return all;
}

/**
 * Every exercise in the order a learner meets it: lesson by lesson, and within a lesson where its
 * text places it (`<Exercise id="…" />`), the ones it does not place last.
 */
export async function exercisesInCourseOrder(): Promise<Exercise[]> {
  const lessons = await getLessons();
  const key = new Map<string, number>();
  lessons.forEach((lesson, lessonIndex) => {
    const placed = [...(lesson.body ?? '').matchAll(/<Exercise\s[^>]*\bid=["']([^"']+)["']/g)];
    placed.forEach((match, index) => key.set(match[1]!, lessonIndex * 1000 + index));
  });
  const lessonIndex = new Map(lessons.map((lesson, index) => [lesson.id, index]));
  const rank = (exercise: Exercise) =>
    key.get(exercise.entry.id) ?? (lessonIndex.get(exercise.lesson) ?? lessons.length) * 1000 + 999;
  // Array.sort is stable: unplaced exercises of one lesson keep their id order.
  return [...(await getExercises())].sort((a, b) => rank(a) - rank(b));
}

/** The exercise after this one in course order, if any. */
export async function nextExercise(id: string): Promise<Exercise | undefined> {
  const ordered = await exercisesInCourseOrder();
  const index = ordered.findIndex((exercise) => exercise.entry.id === id);
  return index === -1 ? undefined : ordered[index + 1];
}

export async function getExercise(id: string): Promise<Exercise> {
  const exercises = await getExercises();
  const found = exercises.find((exercise) => exercise.entry.id === id);
  if (!found) {
    throw new Error(
      `<Exercise id="${id}" />: there is no exercise "${id}". ` +
        `Known ids: ${exercises.map((exercise) => exercise.entry.id).join(', ') || 'none'}. ` +
        'An exercise is a folder lessons/<lesson>/exercises/<id>/ with exercise.mdx.',
    );
  }
  return found;
}

export function exerciseUrl(id: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/exercises/${id}/`;
}

/** The ids of one lesson's exercises, in order (every exercise's when no lesson is given). */
export async function exerciseIds(lesson?: string): Promise<string[]> {
  return (await getExercises())
    .filter((exercise) => lesson === undefined || exercise.lesson === lesson)
    .map((exercise) => exercise.entry.id);
}
