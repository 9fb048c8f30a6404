import { describe, expect, it } from 'vitest';
import type { RunError } from '../../runner/protocol.ts';
import { consoleTextFor, describeRunError, statusFor } from './run-status.ts';

const typeError: RunError = {
  name: 'TypeError',
  message: 'Failed to fetch',
  position: { line: 3, column: 18 },
  kind: 'uncaught',
};

describe('run status and console wording', () => {
  it('describes errors as a browser console would, with the reader’s line', () => {
    expect(describeRunError(typeError)).toBe(
      'Uncaught TypeError: Failed to fetch (line 3, column 18)',
    );
    expect(describeRunError({ ...typeError, kind: 'unhandled-rejection', position: null })).toBe(
      'Uncaught (in promise) TypeError: Failed to fetch',
    );
    expect(
      describeRunError({ name: 'Uncaught', message: "'oops'", position: null, kind: 'uncaught' }),
    ).toBe("Uncaught 'oops'");
  });

  it('says how a run ended', () => {
    expect(statusFor({ type: 'finished', durationMs: 12, clockMs: 12, failed: false }, null)).toBe(
      'Finished in 12 ms.',
    );
    expect(
      statusFor({ type: 'finished', durationMs: 12, clockMs: 12, failed: true }, typeError),
    ).toBe('Failed after 12 ms: TypeError: Failed to fetch (line 3).');
    expect(statusFor({ type: 'stopped', durationMs: 900 }, null)).toBe('Stopped after 900 ms.');
    expect(
      statusFor({ type: 'timed-out', limitMs: 2500, clock: 'real', durationMs: 2500 }, null),
    ).toMatch(/^Time limit reached: stopped after 2\.5 s\./);
    expect(
      statusFor({ type: 'timed-out', limitMs: 600_000, clock: 'virtual', durationMs: 30 }, null),
    ).toMatch(/^Virtual time limit reached: .* after 600 s of virtual time\./);
    expect(
      statusFor(
        {
          type: 'waiting-forever',
          durationMs: 40,
          clockMs: 0,
          message: 'GET /hang has no signal and will never be answered: give it a timeout.',
        },
        null,
      ),
    ).toBe(
      'Waiting forever: GET /hang has no signal and will never be answered: give it a timeout.',
    );
    expect(statusFor({ type: 'output-dropped', lines: 3 }, null)).toBeNull();
  });

  it('lists each compile error with its position in the Console', () => {
    const event = {
      type: 'compile-failed' as const,
      diagnostics: [
        { message: 'Unexpected ";"', line: 2, column: 11, length: 1, severity: 'error' as const },
        { message: 'Expected ")"', line: 4, column: 1, length: 1, severity: 'error' as const },
      ],
    };
    expect(consoleTextFor(event)).toEqual([
      'Compile error: Line 2, column 11: Unexpected ";"',
      'Compile error: Line 4, column 1: Expected ")"',
    ]);
    expect(statusFor(event, null)).toBe(
      'Did not run: 2 compile errors. Fix the marked code and run again.',
    );
  });

  it('says how much output the cap kept back, or that some was, when the count is unknown', () => {
    expect(consoleTextFor({ type: 'output-dropped', lines: 1 })).toEqual([
      '… 1 more console call was not shown: output is capped per run.',
    ]);
    expect(consoleTextFor({ type: 'output-dropped', lines: null })).toEqual([
      '… later console output was not shown: output is capped per run.',
    ]);
  });
});
