import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearEdit, editKey, legacyEditKey, loadEdit, migrateEdit, saveEdit } from './saved-edits';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    const used = [...this.items.values()].reduce((sum, item) => sum + item.length, 0);
    if (used + value.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('saved edits', () => {
  const key = editKey('your-first-get-request');

  it('saves, loads and clears an edit per lesson and example', () => {
    vi.stubGlobal('localStorage', new MemoryStorage());
    expect(loadEdit(key)).toBeNull();
    expect(saveEdit(key, 'console.log(1)', 1000)).toBe('saved');
    expect(loadEdit(key)).toEqual({ code: 'console.log(1)', savedAt: 1000 });
    expect(loadEdit(editKey('other'))).toBeNull();
    clearEdit(key);
    expect(loadEdit(key)).toBeNull();
  });

  it('reports full storage instead of throwing', () => {
    vi.stubGlobal('localStorage', new MemoryStorage(10));
    expect(saveEdit(key, 'x'.repeat(100))).toBe('full');
  });

  it('reports unavailable storage and still answers every call', () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(saveEdit(key, 'x')).toBe('unavailable');
    expect(loadEdit(key)).toBeNull();
    expect(() => clearEdit(key)).not.toThrow();
  });

  it('ignores a damaged entry', () => {
    const store = new MemoryStorage();
    store.setItem(key, '{not json');
    vi.stubGlobal('localStorage', store);
    expect(loadEdit(key)).toBeNull();
  });

  it('moves an edit saved under the old title-derived key to the example id, once', () => {
    const store = new MemoryStorage();
    vi.stubGlobal('localStorage', store);
    const old = legacyEditKey('first-request', 'your-first-get-request');
    expect(old).toBe('edits:first-request/your-first-get-request');
    store.setItem(old, JSON.stringify({ code: 'old work', savedAt: 5 }));
    migrateEdit(old, key);
    expect(loadEdit(key)).toEqual({ code: 'old work', savedAt: 5 });
    expect(store.getItem(old)).toBeNull();
    migrateEdit(old, key);
    expect(loadEdit(key)).toEqual({ code: 'old work', savedAt: 5 });
  });

  it('never overwrites work already saved under the id', () => {
    const store = new MemoryStorage();
    vi.stubGlobal('localStorage', store);
    const old = legacyEditKey('first-request', 'your-first-get-request');
    store.setItem(old, JSON.stringify({ code: 'older', savedAt: 1 }));
    saveEdit(key, 'newer', 9);
    migrateEdit(old, key);
    expect(loadEdit(key)).toEqual({ code: 'newer', savedAt: 9 });
    expect(store.getItem(old)).toBeNull();
  });
});
