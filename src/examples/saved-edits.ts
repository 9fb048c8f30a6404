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

/** A stable storage key for one example of one lesson. */
export function editKey(lessonSlug: string, exampleId: string): string {
  return `${prefix}${lessonSlug}/${exampleId}`;
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

export function isStorageAvailable(): boolean {
  return storage() !== null;
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
