/**
 * Keeps a reader's edits to each example in localStorage, keyed by lesson and example, so a reload
 * restores them. Storage can be missing (blocked cookies, some private modes) or full; every call
 * reports that instead of throwing, so the example keeps working and can tell the reader.
 */

export type SaveOutcome = 'saved' | 'unavailable' | 'full';

export interface SavedEdit {
  code: string;
  /** Milliseconds since the epoch of the last save. */
  savedAt: number;
}

const prefix = 'edits:';

/** The storage key of one example: its id is stable and unique across the site. */
export function editKey(exampleId: string): string {
  return `${prefix}example/${exampleId}`;
}

/** Where the learner's code for an exercise is kept; ids are stable, so the key is too. */
export function exerciseEditKey(exerciseId: string): string {
  return `${prefix}exercise/${exerciseId}`;
}

/**
 * Where edits were kept before examples had explicit ids: keyed by lesson slug and a slug of the
 * title, so renaming either orphaned them.
 */
export function legacyEditKey(lessonSlug: string, titleId: string): string {
  return `${prefix}${lessonSlug}/${titleId}`;
}

/**
 * Moves an edit saved under `from` to `to`, unless `to` already holds one (newer work wins), and
 * removes `from` either way once `to` holds the reader's work.
 */
export function migrateEdit(from: string, to: string): void {
  const store = storage();
  if (!store || from === to) return;
  try {
    const old = store.getItem(from);
    if (old === null) return;
    if (store.getItem(to) === null) store.setItem(to, old);
    store.removeItem(from);
  } catch {
    // Full or blocked storage: leave the old entry where it is; it is still read next time.
  }
}

function storage(): Storage | null {
  try {
    const store = globalThis.localStorage;
    // Touch it: some browsers expose the object but throw on use.
    store.getItem('edits-probe');
    return store;
  } catch {
    return null;
  }
}

export function loadEdit(key: string): SavedEdit | null {
  const raw = storage()?.getItem(key);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<SavedEdit>;
    return typeof value.code === 'string' && typeof value.savedAt === 'number'
      ? { code: value.code, savedAt: value.savedAt }
      : null;
  } catch {
    return null; // damaged entry: behave as if nothing was saved
  }
}

export function saveEdit(key: string, code: string, now = Date.now()): SaveOutcome {
  const store = storage();
  if (!store) return 'unavailable';
  try {
    store.setItem(key, JSON.stringify({ code, savedAt: now } satisfies SavedEdit));
    return 'saved';
  } catch {
    return 'full';
  }
}

export function clearEdit(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

/** Where a student's code for an exercise of one assignment is kept, apart from their course work. */
export function assignmentEditKey(assignmentId: string, exerciseId: string): string {
  return `${prefix}assignment/${assignmentId}/${exerciseId}`;
}
