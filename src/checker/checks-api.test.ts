import { describe, expect as vitestExpect, it } from 'vitest';
import { CheckFailure, describePattern, expect } from './checks-api.ts';

/** What the learner reads when `assertion` fails: the message and the Expected / Actual values. */
function failureOf(
  assertion: () => unknown,
): Pick<CheckFailure, 'message' | 'expected' | 'actual'> {
  try {
    assertion();
  } catch (error) {
    vitestExpect(error).toBeInstanceOf(CheckFailure);
    const { message, expected, actual } = error as CheckFailure;
    return { message, expected, actual };
  }
  throw new Error('the assertion passed');
}

describe('checks API messages', () => {
  it('reads as a sentence that says what the program gave', () => {
    vitestExpect(failureOf(() => expect('AbortError', 'error.name').toBe('TimeoutError'))).toEqual({
      message: 'Expected error.name to be "TimeoutError", but it was "AbortError".',
      expected: '"TimeoutError"',
      actual: '"AbortError"',
    });
    vitestExpect(failureOf(() => expect(3, 'requests made for a 500').toBe(1)).message).toBe(
      'Expected requests made for a 500 to be 1, but it was 3.',
    );
    vitestExpect(
      failureOf(() => expect(900, 'virtual ms until it gave up').toBeGreaterThanOrEqual(1_500)),
    ).toEqual({
      message: 'Expected virtual ms until it gave up to be at least 1500, but it was 900.',
      expected: 'at least 1500',
      actual: '900',
    });
  });

  it('never shows a regular expression where words will do', () => {
    vitestExpect(
      failureOf(() => expect('pending', 'outcome of the request').toMatch(/^(timed-out|aborted)$/)),
    ).toEqual({
      message:
        'Expected outcome of the request to be "timed-out" or "aborted", but it was "pending".',
      expected: '"timed-out" or "aborted"',
      actual: '"pending"',
    });
    vitestExpect(
      failureOf(() => expect('text/plain', 'Content-Type header').toMatch(/^application\/json/))
        .message,
    ).toBe(
      'Expected Content-Type header to be something starting with "application/json", but it was "text/plain".',
    );
  });

  it('describes simple patterns in words', () => {
    vitestExpect(describePattern(/^(a|b|c)$/)).toBe('"a", "b" or "c"');
    vitestExpect(describePattern(/^ok$/)).toBe('"ok"');
    vitestExpect(describePattern(/^HTTP 4/)).toBe('something starting with "HTTP 4"');
    vitestExpect(describePattern(/json/)).toBe('something containing "json"');
    vitestExpect(describePattern(/\d+ ms/)).toBe('something matching the pattern /\\d+ ms/');
  });

  it('says what a call returned when it should have thrown', async () => {
    const failure = await expect.rejection(() => ({ id: 1 })).catch((error: unknown) => error);
    vitestExpect(failure).toBeInstanceOf(CheckFailure);
    vitestExpect((failure as CheckFailure).message).toBe(
      'Expected the call to throw an error, but it returned {"id":1}.',
    );
  });
});
