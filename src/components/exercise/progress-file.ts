/**
 * A learner's progress as a file they can keep or move to another browser: export writes every
 * exercise's progress and the learner's code for it, import reads it back and merges it with what
 * this browser already has, so importing an old file never loses newer work.
 *
 * Version 2 (version 1 files, without code, are still read):
 * ```json
 * { "kind": "http-clients-course-progress", "version": 2, "exportedAt": "2026-12-05T09:00:00.000Z",
 *   "exercises": { "<exercise id>": { "state": "solved", "bestScore": 7, "maxScore": 7,
 *                                      "hintsShown": 1, "checkedAt": 1764925200000 } },
 *   "code": { "<exercise id>": { "code": "export async function …", "savedAt": 1764925100000 } },
 *   "codeLeftOut": ["<exercise id whose code was over the cap>"] }
 * ```
 */
import type { SavedEdit } from '../../examples/saved-edits.ts';
import { isProgress, type ExerciseProgress } from './progress.ts';

export const PROGRESS_FILE_KIND = 'http-clients-course-progress';
export const PROGRESS_FILE_VERSION = 2;
/** Versions this site reads: 1 carried progress only, 2 adds the learner's code. */
const READABLE_VERSIONS: readonly number[] = [1, 2];
/**
 * The cap on one exercise's code in the file, in characters. A solution is a few hundred to a few
 * thousand; code over the cap is left out of the export (and named), never cut short, since half a
 * program restored over the learner's work would be worse than none.
 */
export const MAX_EXERCISE_CODE_CHARS = 20_000;
/** Room for ~40 exercises at the code cap; a file over this is refused before it is parsed. */
export const MAX_PROGRESS_FILE_BYTES = 1_000_000;

export interface ProgressFile {
  kind: typeof PROGRESS_FILE_KIND;
  version: typeof PROGRESS_FILE_VERSION;
  exportedAt: string;
  exercises: Record<string, ExerciseProgress>;
  /** The learner's code per exercise, as saved in the browser (absent in version 1). */
  code: Record<string, SavedEdit>;
  /** Exercises whose code was over MAX_EXERCISE_CODE_CHARS and is not in the file. */
  codeLeftOut: string[];
}

export type ProgressFileResult =
  | {
      ok: true;
      exercises: Record<string, ExerciseProgress>;
      code: Record<string, SavedEdit>;
      skipped: number;
    }
  | { ok: false; message: string };

export interface ProgressExport {
  text: string;
  /** Exercises whose code was too long for the file, so the learner can be told. */
  codeLeftOut: string[];
}

export function progressFileText(
  exercises: Record<string, ExerciseProgress>,
  code: Record<string, SavedEdit> = {},
  now = new Date(),
): ProgressExport {
  const kept = Object.entries(code).filter(
    ([, edit]) => edit.code.length <= MAX_EXERCISE_CODE_CHARS,
  );
  const codeLeftOut = Object.keys(code).filter((id) => !kept.some(([keptId]) => keptId === id));
  const file: ProgressFile = {
    kind: PROGRESS_FILE_KIND,
    version: PROGRESS_FILE_VERSION,
    exportedAt: now.toISOString(),
    exercises,
    code: Object.fromEntries(kept),
    codeLeftOut,
  };
  return { text: `${JSON.stringify(file, null, 2)}\n`, codeLeftOut };
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
  if (!READABLE_VERSIONS.includes(file.version as number)) {
    return {
      ok: false,
      message: `“${name}” is a progress file of version ${String(file.version)}; this site reads versions ${READABLE_VERSIONS.join(' and ')}. Export it again from an up-to-date copy of the course.`,
    };
  }
  if (typeof file.exercises !== 'object' || file.exercises === null) {
    return {
      ok: false,
      message: `“${name}” has no exercises in it, so there is nothing to import.`,
    };
  }
  const entries = Object.entries(file.exercises);
  const valid = entries.filter(([id, value]) => isExerciseId(id) && isProgress(value));
  const codeEntries =
    typeof file.code === 'object' && file.code !== null ? Object.entries(file.code) : [];
  const validCode = codeEntries.filter(([id, value]) => isExerciseId(id) && isSavedCode(value));
  return {
    ok: true,
    exercises: Object.fromEntries(valid),
    code: Object.fromEntries(
      validCode.map(([id, edit]) => [id, { code: edit.code, savedAt: edit.savedAt }]),
    ),
    skipped: entries.length - valid.length + codeEntries.length - validCode.length,
  };
}

const isExerciseId = (id: string) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id);

function isSavedCode(value: unknown): value is SavedEdit {
  const edit = value as Partial<SavedEdit> | null;
  return (
    typeof edit === 'object' &&
    edit !== null &&
    typeof edit.code === 'string' &&
    edit.code.length <= MAX_EXERCISE_CODE_CHARS &&
    typeof edit.savedAt === 'number' &&
    Number.isFinite(edit.savedAt)
  );
}

export interface CodeMerge {
  /** Code from the file to save in this browser: newer than this browser's, or not here at all. */
  restore: Record<string, SavedEdit>;
  /** Exercises where this browser's code is newer than the file's (and differs): left as it is. */
  keptNewer: string[];
}

/**
 * Which imported code to restore: the file's code wins only when this browser has none for that
 * exercise or saved it earlier, so an old file never overwrites newer work. Identical code is
 * neither restored nor reported.
 */
export function mergeCode(
  local: (id: string) => SavedEdit | null,
  imported: Record<string, SavedEdit>,
): CodeMerge {
  const restore: Record<string, SavedEdit> = {};
  const keptNewer: string[] = [];
  for (const [id, edit] of Object.entries(imported)) {
    const mine = local(id);
    if (mine?.code === edit.code) continue;
    if (mine && mine.savedAt >= edit.savedAt) keptNewer.push(id);
    else restore[id] = edit;
  }
  return { restore, keptNewer };
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
