import { describe, expect, it } from 'vitest';
import {
  MAX_EXERCISE_CODE_CHARS,
  MAX_PROGRESS_FILE_BYTES,
  mergeCode,
  mergeProgress,
  parseProgressFile,
  progressFileName,
  progressFileText,
} from './progress-file.ts';
import { solvedSummary, type ExerciseProgress } from './progress.ts';

const solved: ExerciseProgress = {
  state: 'solved',
  bestScore: 7,
  maxScore: 7,
  hintsShown: 1,
  checkedAt: 2_000,
};
const attempted: ExerciseProgress = {
  state: 'attempted',
  bestScore: 3,
  maxScore: 7,
  hintsShown: 2,
  checkedAt: 5_000,
};

describe('progress file', () => {
  it('round-trips what it exports, the code included', () => {
    const code = { 'fetch-user': { code: 'export const x = 1;', savedAt: 1_500 } };
    const { text, codeLeftOut } = progressFileText(
      { 'fetch-user': solved },
      code,
      new Date('2026-11-25T12:00:00Z'),
    );
    expect(codeLeftOut).toEqual([]);
    const result = parseProgressFile('p.json', text);
    expect(result).toEqual({ ok: true, exercises: { 'fetch-user': solved }, code, skipped: 0 });
    expect(progressFileName(new Date('2026-11-25T12:00:00Z'))).toBe(
      'http-clients-progress-2026-11-25.json',
    );
  });

  it('names the file and says what to do for text that is not JSON', () => {
    const result = parseProgressFile('notes.txt', 'hello');
    expect(result).toEqual({
      ok: false,
      message:
        '“notes.txt” is not JSON, so it is not a progress file from this course. Choose the .json file that "Export progress" saved.',
    });
  });

  it('refuses JSON that is not a progress file, another version, and oversized files', () => {
    const other = parseProgressFile('package.json', '{"name":"x"}');
    expect(other.ok === false && other.message).toMatch(/^“package.json” is not a progress file/);
    const future = parseProgressFile(
      'p.json',
      JSON.stringify({ kind: 'http-clients-course-progress', version: 9, exercises: {} }),
    );
    expect(future.ok === false && future.message).toMatch(
      /version 9; this site reads versions 1 and 2/,
    );
    const huge = parseProgressFile('big.json', ' '.repeat(MAX_PROGRESS_FILE_BYTES + 1));
    expect(huge.ok === false && huge.message).toMatch(/too large/);
  });

  it('skips damaged entries and bad ids, and counts them', () => {
    const text = JSON.stringify({
      kind: 'http-clients-course-progress',
      version: 1,
      exercises: { good: solved, bad: { state: 'hacked' }, 'Not An Id': solved },
    });
    expect(parseProgressFile('p.json', text)).toEqual({
      ok: true,
      exercises: { good: solved },
      code: {},
      skipped: 2,
    });
  });

  it('leaves out code over the cap when exporting, and names it', () => {
    const long = { code: 'x'.repeat(MAX_EXERCISE_CODE_CHARS + 1), savedAt: 1 };
    const { text, codeLeftOut } = progressFileText(
      {},
      { big: long, small: { code: 'y', savedAt: 1 } },
    );
    expect(codeLeftOut).toEqual(['big']);
    const file = JSON.parse(text) as { code: Record<string, unknown>; codeLeftOut: string[] };
    expect(Object.keys(file.code)).toEqual(['small']);
    expect(file.codeLeftOut).toEqual(['big']);
  });

  it('skips damaged or oversized code entries and counts them', () => {
    const text = JSON.stringify({
      kind: 'http-clients-course-progress',
      version: 2,
      exercises: {},
      code: {
        good: { code: 'ok', savedAt: 3, extra: '<script>' },
        'no-time': { code: 'ok' },
        huge: { code: 'x'.repeat(MAX_EXERCISE_CODE_CHARS + 1), savedAt: 1 },
        'Bad Id': { code: 'ok', savedAt: 1 },
      },
    });
    expect(parseProgressFile('p.json', text)).toEqual({
      ok: true,
      exercises: {},
      code: { good: { code: 'ok', savedAt: 3 } },
      skipped: 3,
    });
  });

  it('still reads version 1 files, which carry no code', () => {
    const text = JSON.stringify({
      kind: 'http-clients-course-progress',
      version: 1,
      exercises: { a: solved },
    });
    expect(parseProgressFile('old.json', text)).toEqual({
      ok: true,
      exercises: { a: solved },
      code: {},
      skipped: 0,
    });
  });

  it('restores imported code only where this browser has none or older code', () => {
    const local: Record<string, { code: string; savedAt: number }> = {
      older: { code: 'mine, from before', savedAt: 100 },
      newer: { code: 'mine, edited since', savedAt: 900 },
      same: { code: 'identical', savedAt: 900 },
    };
    const merged = mergeCode((id) => local[id] ?? null, {
      older: { code: 'from the file', savedAt: 500 },
      newer: { code: 'from the file', savedAt: 500 },
      same: { code: 'identical', savedAt: 100 },
      missing: { code: 'only in the file', savedAt: 1 },
    });
    expect(merged).toEqual({
      restore: {
        older: { code: 'from the file', savedAt: 500 },
        missing: { code: 'only in the file', savedAt: 1 },
      },
      keptNewer: ['newer'],
    });
  });

  it('merges without losing newer work: solved stays solved, best scores and hints kept', () => {
    const merged = mergeProgress({ a: solved, b: attempted }, { a: attempted, c: attempted });
    expect(merged.a).toEqual({ ...solved, hintsShown: 2, checkedAt: 5_000 });
    expect(merged.b).toEqual(attempted);
    expect(merged.c).toEqual(attempted);
  });
});

describe('solvedSummary', () => {
  it('counts the solved exercises among the given ones', () => {
    expect(solvedSummary(['a', 'b', 'c'], { a: solved, b: attempted })).toBe(
      '1 of 3 exercises solved',
    );
    expect(solvedSummary(['a'], {})).toBe('0 of 1 exercise solved');
  });
});
