import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { gradescopeRefusal, gradescopeResults } from './gradescope-results.ts';
import { studentGrade, testCatalogEntry, fp } from './test-fixtures.ts';

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
