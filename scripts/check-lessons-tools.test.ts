/** The lesson check's own parts: the `…` wildcard, the fence scanner and the link rules. */
import { describe, expect, test } from 'vitest';
import { diffOutput, lineMatches } from './check-lessons-compare.ts';
import { parseLesson, parseMeta } from './check-lessons-extract.ts';
import { checkLinks, headingId } from './check-lessons-links.ts';

describe('expected output comparison', () => {
  test('… matches any text within one line, including none', () => {
    expect(lineMatches('took … ms', 'took 503 ms')).toBe(true);
    expect(lineMatches('took … ms', 'took  ms')).toBe(true);
    expect(lineMatches('took … ms', 'took 503 s')).toBe(false);
    expect(lineMatches('a.b', 'axb')).toBe(false);
  });

  test('a wildcard never swallows a missing or extra line', () => {
    expect(diffOutput('one\n…', 'one\ntwo\nthree')).toMatch(/expected 2 lines, got 3/);
  });

  test('matching output gives no diff; drift names the differing lines', () => {
    expect(diffOutput('200\nok  \n\n', '200\nok')).toBeNull();
    const diff = diffOutput('200\nAda', '200\nGrace');
    expect(diff).toContain('  - Ada');
    expect(diff).toContain('  + Grace');
  });
});

describe('lesson scanner', () => {
  const source = [
    '---',
    'title: Demo',
    '---',
    '## First part',
    '```ts run title="Say hi" scenario="slow" timeout=15000',
    "console.log('hi');",
    '```',
    '```text output',
    'hi',
    '```',
    '<Fragment slot="python">',
    '```python title="hi.py"',
    'print("hi")',
    '```',
    '```text output',
    'hi',
    '```',
    '</Fragment>',
    'See [the next lesson](/lessons/other/#some-part) and [the API](/mock-api/).',
    '```ts run title="Say hi"',
    "console.log('again');",
    '```',
  ].join('\n');
  const lesson = parseLesson('01-demo', source);

  test('finds examples with their settings and expected output', () => {
    const [ts, python] = lesson.examples;
    expect(ts).toMatchObject({ kind: 'ts', title: 'Say hi', scenario: 'slow', timeout: 15000 });
    expect(ts!.expected).toBe('hi');
    expect(python).toMatchObject({ kind: 'python', code: 'print("hi")', expected: 'hi' });
  });

  test('reports duplicate titles and a missing expected output', () => {
    expect(lesson.problems.join('\n')).toMatch(/already titled "Say hi"/);
    expect(lesson.problems.join('\n')).toMatch(/no ```text output``` fence/);
  });

  test('parses quoted and bare meta values', () => {
    expect(parseMeta('run title="A b" timeout=5 norun')).toEqual({
      run: true,
      title: 'A b',
      timeout: '5',
      norun: true,
    });
  });

  test('links must reach an existing lesson heading or page', () => {
    const other = parseLesson('02-other', '## Some part\ntext');
    expect(headingId('Sessions: reuse `fetch`')).toBe('sessions-reuse-fetch');
    expect(checkLinks([lesson, other], new Set(['/', '/mock-api/']))).toEqual([]);
    expect(checkLinks([lesson, other], new Set(['/']))).toEqual([
      '01-demo/index.mdx line 19: link /mock-api/ is not a page of the site',
    ]);
    const broken = parseLesson('03-x', '[gone](/lessons/nowhere/) [bad](/lessons/other/#nope)');
    expect(checkLinks([broken, other], new Set(['/'])).length).toBe(2);
  });
});
