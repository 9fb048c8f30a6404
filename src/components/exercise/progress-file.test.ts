import { describe, expect, it } from 'vitest';
import {
  MAX_PROGRESS_FILE_BYTES,
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
  it('round-trips what it exports', () => {
    const text = progressFileText({ 'fetch-user': solved }, new Date('2026-11-25T12:00:00Z'));
    const result = parseProgressFile('p.json', text);
    expect(result).toEqual({ ok: true, exercises: { 'fetch-user': solved }, skipped: 0 });
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
    expect(future.ok === false && future.message).toMatch(/version 9; this site reads version 1/);
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
      skipped: 2,
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
