/**
 * Progress per exercise, kept in this browser: not started, attempted (checked at least once) or
 * solved (every check passed once), with the best score. Storage may be missing or full: reads then
 * find nothing and writes report it, so the exercise keeps working.
 */
import { assertNever } from '../../runner/assert-never.ts';

export type ProgressState = 'not-started' | 'attempted' | 'solved';

export interface ExerciseProgress {
  state: ProgressState;
  bestScore: number;
  maxScore: number;
  /** How many hints the learner has revealed. */
  hintsShown: number;
  /** Milliseconds since the epoch of the last Check. */
  checkedAt: number | null;
}

export const NOT_STARTED: ExerciseProgress = {
  state: 'not-started',
  bestScore: 0,
  maxScore: 0,
  hintsShown: 0,
  checkedAt: null,
};

const KEY = 'progress:exercises';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): Store | null {
  try {
    const store = globalThis.localStorage;
    store.getItem(KEY);
    return store;
  } catch {
    return null;
  }
}

export function isProgress(value: unknown): value is ExerciseProgress {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    ['not-started', 'attempted', 'solved'].includes(entry.state as string) &&
    typeof entry.bestScore === 'number' &&
    typeof entry.maxScore === 'number' &&
    typeof entry.hintsShown === 'number' &&
    (entry.checkedAt === null || typeof entry.checkedAt === 'number')
  );
}

/** Every exercise's progress; damaged entries are dropped, not trusted. */
export function readAllProgress(store: Store | null = storage()): Record<string, ExerciseProgress> {
  try {
    const parsed = JSON.parse(store?.getItem(KEY) ?? '{}') as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, value]) => isProgress(value)));
  } catch {
    return {};
  }
}

export function readProgress(id: string, store: Store | null = storage()): ExerciseProgress {
  return readAllProgress(store)[id] ?? NOT_STARTED;
}

/** The progress after a Check: the best score is kept, and solved stays solved. */
export function afterCheck(
  previous: ExerciseProgress,
  score: number,
  maxScore: number,
  now: number,
): ExerciseProgress {
  const solved = previous.state === 'solved' || (maxScore > 0 && score === maxScore);
  return {
    ...previous,
    state: solved ? 'solved' : 'attempted',
    bestScore: Math.max(previous.bestScore, score),
    maxScore: Math.max(previous.maxScore, maxScore),
    checkedAt: now,
  };
}

/** Fired on window after progress is saved, so every progress display on the page updates. */
export const PROGRESS_CHANGED = 'course-progress-changed';

/** Saves one exercise's progress; false when storage is unavailable or full. */
export function writeProgress(
  id: string,
  progress: ExerciseProgress,
  store: Store | null = storage(),
): boolean {
  return writeAllProgress({ ...readAllProgress(store), [id]: progress }, store);
}

/** Replaces every exercise's progress (an import); false when storage is unavailable or full. */
export function writeAllProgress(
  all: Record<string, ExerciseProgress>,
  store: Store | null = storage(),
): boolean {
  if (!store) return false;
  try {
    store.setItem(KEY, JSON.stringify(all));
  } catch {
    return false;
  }
  globalThis.dispatchEvent?.(new Event(PROGRESS_CHANGED));
  return true;
}

/** "2 of 3 exercises solved" for a lesson's (or the course's) exercises. */
export function solvedSummary(ids: string[], all: Record<string, ExerciseProgress>): string {
  const solved = ids.filter((id) => all[id]?.state === 'solved').length;
  return `${solved} of ${ids.length} ${ids.length === 1 ? 'exercise' : 'exercises'} solved`;
}

export function progressText(progress: ExerciseProgress): string {
  switch (progress.state) {
    case 'not-started':
      return 'Not started';
    case 'attempted':
      return `Attempted: best ${progress.bestScore} of ${progress.maxScore} points`;
    case 'solved':
      return 'Solved';
    default:
      return assertNever(progress.state);
  }
}
