/** The lesson check's own parts: the `…` wildcard, the fence scanner, the link rules and the runners. */
import { describe, expect, test } from 'vitest';
import { runExample } from './check-lessons.ts';
import { diffOutput, lineMatches } from './check-lessons-compare.ts';
import { composeExample } from '../../src/lib/example-helpers.ts';
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

  test('composes a uses= example with its helpers block, as the build does', () => {
    const withHelpers = parseLesson(
      '04-demo',
      [
        '```ts helpers id="shared" title="Shared"',
        'const TWO = 2;',
        '```',
        '```ts run id="a" title="Uses shared" uses="shared"',
        'console.log(TWO);',
        '```',
        '```text output',
        '2',
        '```',
        '```ts run id="b" title="Unknown helpers" uses="nope"',
        'console.log(1);',
        '```',
        '```text output',
        '1',
        '```',
      ].join('\n'),
    );
    expect(withHelpers.examples[0]!.code).toBe(
      composeExample('console.log(TWO);', [
        { id: 'shared', title: 'Shared', code: 'const TWO = 2;' },
      ]),
    );
    expect(withHelpers.examples[0]!.line).toBe(4);
    expect(withHelpers.problems).toEqual([
      expect.stringMatching(/^line 10: uses="nope" names no helpers block above it/),
    ]);
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

describe('running examples', () => {
  const base = {
    lesson: '99-demo',
    line: 1,
    scenario: 'normal',
    timeout: 5_000,
    norun: false,
  };

  test('a drifting TypeScript example fails with the lesson, the title and the diff', async () => {
    const { problem, output } = await runExample({
      ...base,
      kind: 'ts',
      title: 'Status of user 42',
      code: "console.log((await fetch('https://api.example.com/users/42')).status);",
      expected: '201',
    });
    expect(output).toBe('200');
    expect(problem).toContain('99-demo/index.mdx line 1: TypeScript example "Status of user 42"');
    expect(problem).toContain('  - 201\n  + 200');
  });

  test('the Simulate preset applies to the run, and uncaught errors fail it', async () => {
    const { problem } = await runExample({
      ...base,
      kind: 'ts',
      title: 'Offline',
      scenario: 'offline',
      code: "await fetch('https://api.example.com/users/42');",
      expected: '',
    });
    expect(problem).toMatch(/failed: TypeError: Failed to fetch/);
  });

  test('an example that outlives its time limit fails and says how to raise it', async () => {
    const { problem } = await runExample({
      ...base,
      kind: 'ts',
      title: 'Hangs',
      timeout: 300,
      code: "await fetch('https://api.example.com/hang', { signal: AbortSignal.timeout(2000) }).catch(() => {});",
      expected: '',
    });
    expect(problem).toMatch(/time limit of 300 ms \(set timeout=/);
  });

  test('a Python snippet runs against the local server and is compared the same way', async () => {
    const code = [
      'import requests',
      'r = requests.get("http://127.0.0.1:4010/users/9999", timeout=5)',
      'print(r.status_code, r.url)',
    ].join('\n');
    const ok = await runExample({
      ...base,
      kind: 'python',
      title: 'py',
      code,
      expected: '404 http://127.0.0.1:4010/users/…',
    });
    expect(ok.problem).toBeNull();
    const drift = await runExample({
      ...base,
      kind: 'python',
      title: 'py',
      code,
      expected: '200 …',
    });
    expect(drift.problem).toContain('Python snippet "py" printed something else');
  });
});
