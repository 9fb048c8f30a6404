/**
 * A learner's progress as a file they can keep or move to another browser: export writes every
 * exercise's progress, import reads it back and merges it with what this browser already has, so
 * importing an old file never loses newer work.
 */
import { isProgress, type ExerciseProgress } from './progress.ts';

export const PROGRESS_FILE_KIND = 'http-clients-course-progress';
export const PROGRESS_FILE_VERSION = 1;
/** Far larger than any real progress file (a few hundred bytes per exercise). */
export const MAX_PROGRESS_FILE_BYTES = 1_000_000;

export interface ProgressFile {
  kind: typeof PROGRESS_FILE_KIND;
  version: typeof PROGRESS_FILE_VERSION;
  exportedAt: string;
  exercises: Record<string, ExerciseProgress>;
}

export type ProgressFileResult =
  | { ok: true; exercises: Record<string, ExerciseProgress>; skipped: number }
  | { ok: false; message: string };

export function progressFileText(
  exercises: Record<string, ExerciseProgress>,
  now = new Date(),
): string {
  const file: ProgressFile = {
    kind: PROGRESS_FILE_KIND,
    version: PROGRESS_FILE_VERSION,
    exportedAt: now.toISOString(),
    exercises,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function progressFileName(now = new Date()): string {
  return `http-clients-progress-${now.toISOString().slice(0, 10)}.json`;
}

const NOT_A_PROGRESS_FILE =
  'is not a progress file from this course. Choose the .json file that "Export progress" saved.';

/** Reads a file's text; damaged entries are skipped and counted, never trusted. */
export function parseProgressFile(name: string, text: string): ProgressFileResult {
  if (text.length > MAX_PROGRESS_FILE_BYTES) {
    return {
      ok: false,
      message: `“${name}” is too large to be a progress file (over 1 MB). Choose the file that "Export progress" saved.`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: `“${name}” is not JSON, so it ${NOT_A_PROGRESS_FILE}` };
  }
  const file = parsed as Partial<ProgressFile> | null;
  if (typeof file !== 'object' || file === null || file.kind !== PROGRESS_FILE_KIND) {
    return { ok: false, message: `“${name}” ${NOT_A_PROGRESS_FILE}` };
  }
  if (file.version !== PROGRESS_FILE_VERSION) {
    return {
      ok: false,
      message: `“${name}” is a progress file of version ${String(file.version)}; this site reads version ${PROGRESS_FILE_VERSION}. Export it again from an up-to-date copy of the course.`,
    };
  }
  if (typeof file.exercises !== 'object' || file.exercises === null) {
    return {
      ok: false,
      message: `“${name}” has no exercises in it, so there is nothing to import.`,
    };
  }
  const entries = Object.entries(file.exercises);
  const valid = entries.filter(
    ([id, value]) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && isProgress(value),
  );
  return { ok: true, exercises: Object.fromEntries(valid), skipped: entries.length - valid.length };
}

const RANK = { 'not-started': 0, attempted: 1, solved: 2 } as const;

/** The better of two records of one exercise: solved beats attempted, the best score is kept. */
export function mergeOne(a: ExerciseProgress, b: ExerciseProgress): ExerciseProgress {
  return {
    state: RANK[a.state] >= RANK[b.state] ? a.state : b.state,
    bestScore: Math.max(a.bestScore, b.bestScore),
    maxScore: Math.max(a.maxScore, b.maxScore),
    hintsShown: Math.max(a.hintsShown, b.hintsShown),
    checkedAt:
      a.checkedAt === null || b.checkedAt === null
        ? (a.checkedAt ?? b.checkedAt)
        : Math.max(a.checkedAt, b.checkedAt),
  };
}

export function mergeProgress(
  current: Record<string, ExerciseProgress>,
  imported: Record<string, ExerciseProgress>,
): Record<string, ExerciseProgress> {
  const merged = { ...current };
  for (const [id, progress] of Object.entries(imported)) {
    merged[id] = merged[id] ? mergeOne(merged[id], progress) : progress;
  }
  return merged;
}
