import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { apportion, gradescopeRefusal, gradescopeResults } from './gradescope-results.ts';
import { results as checkResults, studentGrade, testCatalogEntry, fp } from './test-fixtures.ts';

const schema = JSON.parse(
  readFileSync(new URL('./gradescope-results.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ strict: true, strictRequired: false }).compile(schema);
const titles = new Map([['alpha', testCatalogEntry('alpha', fp('a'), 2)]]);

describe('Gradescope results.json', () => {
  it('one test per check, scaled to the assignment points, and it validates', () => {
    const results = gradescopeResults(
      studentGrade({ claimedLate: true, flags: ['claimed-late'] }),
      titles,
      12.4,
    );
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    expect(results.score).toBe(5);
    expect(results.execution_time).toBe(12);
    expect(results.output).toContain(
      "The file's own time (your computer's clock) is after the due date",
    );
    expect(results.tests).toEqual([
      expect.objectContaining({
        name: 'Exercise alpha: check 1',
        number: '1.1',
        score: 5,
        max_score: 5,
        status: 'passed',
      }),
      expect.objectContaining({
        name: 'Exercise alpha: check 2',
        number: '1.2',
        score: 0,
        max_score: 5,
        status: 'failed',
        output: 'check 2 failed\nexpected: 1\nactual:   2',
      }),
      expect.objectContaining({
        name: 'beta',
        score: 0,
        max_score: 3,
        status: 'failed',
        output: 'No code was handed in for this exercise.',
      }),
    ]);
    expect(results.tests.reduce((sum, test) => sum + test.max_score, 0)).toBe(13);
  });

  it('scaled checks add up to exactly the assigned points (3 × 1 point scaled to 8 is not 8.01)', () => {
    expect(apportion([1, 1, 1], 8)).toEqual([2.67, 2.67, 2.66]);
    expect(apportion([2, 1, 0], 1)).toEqual([0.67, 0.33, 0]);
    expect(apportion([0, 0], 5)).toEqual([0, 0]);
    const rerun = checkResults('alpha', ['pass', 'pass', 'fail']);
    const cents = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100);
    for (const assigned of [8, 24, 7, 10, 0.5]) {
      const student = studentGrade({
        exercises: [
          {
            id: 'alpha',
            points: Math.round((2 / 3) * assigned * 100) / 100,
            maxPoints: assigned,
            results: rerun,
            claimed: null,
            claimedDiffers: false,
            notAttempted: false,
            code: 'x',
          },
        ],
      });
      const tests = gradescopeResults(student, titles).tests;
      expect(cents(tests.map((test) => test.max_score))).toBe(Math.round(assigned * 100));
      // A passed check earns its whole share.
      expect(tests[0]!.score).toBe(tests[0]!.max_score);
      expect(tests[2]!.score).toBe(0);
    }
  });

  it('a refused submission gives 0 points with the reason, and validates', () => {
    const results = gradescopeRefusal('submission.json: the file is not JSON.');
    expect(validate(results)).toBe(true);
    expect(results).toMatchObject({
      score: 0,
      tests: [],
      output: 'submission.json: the file is not JSON.',
    });
  });

  it('the schema rejects what Gradescope would not read', () => {
    expect(validate({ score: 1, tests: [{ name: 'x', status: 'ok' }] })).toBe(false);
    expect(validate({ score: 1, tests: [{ name: 'x', visibility: 'public' }] })).toBe(false);
    expect(validate({ tests: [{ name: 'x' }] })).toBe(false);
  });
});
