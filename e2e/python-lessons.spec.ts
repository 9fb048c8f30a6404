/**
 * Every runnable Python snippet of every lesson, run in the browser (Pyodide and requests, against
 * the in-page mock API), prints what the same snippet prints when python3 and the real requests
 * run it against the local mock server, and what its lesson says it prints (issue 24: "the lesson
 * check compares both"). The snippets are the lesson check's own list
 * (scripts/lesson-checks/check-lessons-extract.ts); python3's run is the lesson check's own
 * (check-lessons-run-python.ts), made just before the browser runs the same snippet.
 *
 * Which python3 runs is the lesson check's too: the first on the PATH. CI's is Debian's, with the
 * same requests (2.28) and urllib3 (1.26) as the browser's; a newer urllib3 words a few errors
 * differently, which no lesson prints today.
 *
 * One test per lesson, one page each, its snippets run one after the other as a reader would: the
 * first run boots Python, and every run boots the next one's worker while it runs. The lessons run
 * on the config's two workers, those with the most snippets first, so both finish at about the
 * same time (about three minutes in all on a shared two-core machine).
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import {
  diffOutput,
  lineMatches,
  normalise as lines,
  WILDCARD,
} from '../scripts/lesson-checks/check-lessons-compare.ts';
import {
  lessonFolders,
  parseMeta,
  readLesson,
  type LessonExample,
  type LessonSource,
} from '../scripts/lesson-checks/check-lessons-extract.ts';
import { runPythonExample } from '../scripts/lesson-checks/check-lessons-run-python.ts';
import {
  exampleControls,
  expect as baseExpect,
  narrowScreen,
  test,
  type LiveExample,
} from './fixtures';

// A lesson's first Python run downloads and boots the runtime: on a busy two-core machine, seconds.
const expect = baseExpect.configure({ timeout: 60_000 });
test.use(narrowScreen);
test.describe.configure({ mode: 'parallel' });

interface Snippet {
  example: LessonExample;
  /** The live example's title on the page: the fence's `title`, as the build names it. */
  title: string;
  /** Which of the lesson's live Python examples with that title it is (0 for the first). */
  nth: number;
}

/** The fence's own title (the extractor's adds the line), or the build's default. */
function pageTitle(lesson: LessonSource, example: LessonExample): string {
  const fenceLine = readFileSync(lesson.file, 'utf8').split('\n')[example.line - 1]!;
  const meta = parseMeta(/^\s*`{3,}\S*\s*(.*)$/.exec(fenceLine)?.[1] ?? '');
  return typeof meta.title === 'string' ? meta.title : 'Python example';
}

function snippetsOf(lesson: LessonSource): Snippet[] {
  const seen = new Map<string, number>();
  return lesson.examples
    .filter((example) => example.kind === 'python' && !example.norun)
    .map((example) => {
      const title = pageTitle(lesson, example);
      const nth = seen.get(title) ?? 0;
      seen.set(title, nth + 1);
      return { example, title, nth };
    });
}

const lessons = lessonFolders()
  .map((folder) => readLesson(folder))
  .map((lesson) => ({ lesson, snippets: snippetsOf(lesson) }))
  .filter(({ snippets }) => snippets.length > 0)
  // The lessons with the most Python first: two workers then finish at about the same time.
  .sort((a, b) => b.snippets.length - a.snippets.length);

/** The live example `nth` of those titled `title` (the fixtures' liveExample needs unique titles). */
function pythonExample(page: Page, title: string, nth: number): LiveExample {
  const region = page.getByRole('region', { name: `Python: ${title}`, exact: true }).nth(nth);
  return exampleControls(region, `Python: ${title}`);
}

/** Shows the Python side of the snippet's CodePair (one choice for the page, as a reader makes it). */
async function showPython(page: Page, title: string): Promise<void> {
  const pair = page.locator('code-pair').filter({
    has: page.locator(`live-example[aria-label=${JSON.stringify(`Python: ${title}`)}]`),
  });
  const tab = pair.first().getByRole('tab', { name: 'Python (requests)' });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Presses Run and waits for the run's end (the `data-state` after loading and running). */
async function runToEnd(target: LiveExample, timeout: number): Promise<string> {
  const element = await target.region.evaluateHandle((region) => {
    const example = region.closest<HTMLElement>('live-example')!;
    example.removeAttribute('data-state');
    return example;
  });
  await target.run.click();
  await expect
    .poll(() => element.evaluate((example) => example.dataset.state ?? ''), {
      timeout,
      intervals: [100, 250],
    })
    .not.toMatch(/^(|compiling|loading|running)$/);
  return element.evaluate((example) => example.dataset.state!);
}

/** What the Console holds, as text: each entry's characters (a traceback is several lines). */
async function consoleText(log: Locator): Promise<string> {
  const entries = await log
    .locator('.console-line')
    .evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
  return entries.join('\n');
}

/**
 * The browser's lines against python3's, line by line. A line may differ only where the lesson's
 * expected output says it varies from run to run (a `…` there, e.g. `took … ms`) and both lines fit
 * that pattern: two runs of python3 differ there too.
 */
function differences(browser: string, python3: string, expected: string | null): string[] {
  const got = lines(browser);
  const want = lines(python3);
  const pattern = expected === null ? [] : lines(expected);
  const found: string[] = [];
  for (let i = 0; i < Math.max(got.length, want.length); i += 1) {
    const [g, w, p] = [got[i], want[i], pattern[i]];
    if (g === w) continue;
    const varies = p?.includes(WILDCARD) && g !== undefined && w !== undefined;
    if (varies && lineMatches(p!, g!) && lineMatches(p!, w!)) continue;
    found.push(`line ${i + 1}:\n  python3: ${w ?? '(none)'}\n  browser: ${g ?? '(none)'}`);
  }
  return found;
}

/**
 * Lines that print a duration the snippet measured, rounded to half a second, which the lesson
 * writes out exactly (lesson 12's `after 2.0 s`). The browser's Python is slower than python3 and
 * shares two cores with the next run's Python, which boots meanwhile (and, here, with the other
 * test's page): measured on this machine the browser took 0.02-0.25 s longer than python3 for
 * each of these, so a value near a rounding step lands one step (0.5 s) later now and then. Such
 * a line may differ from python3's and from the lesson's by that much, in its duration only.
 */
const TIMED_LINES: Record<string, RegExp> = {
  '12-streaming/timeouts.py': /^ {2}after (\d+\.\d) s$/,
};
const ROUNDING_STEP_S = 0.5;

/**
 * The browser's lines, each timed line that is within one rounding step of `reference`'s taken as
 * the reference's; `tolerated` lists the lines so taken.
 */
function withinRounding(
  browser: string,
  reference: string,
  timed: RegExp | undefined,
): { text: string; tolerated: string[] } {
  const got = lines(browser);
  const want = lines(reference);
  const tolerated: string[] = [];
  if (timed) {
    got.forEach((line, i) => {
      const [mine, theirs] = [timed.exec(line), timed.exec(want[i] ?? '')];
      if (!mine || !theirs || line === want[i]) return;
      if (Math.abs(Number(mine[1]) - Number(theirs[1])) > ROUNDING_STEP_S) return;
      tolerated.push(`line ${i + 1}: "${line}" for "${want[i]}"`);
      got[i] = want[i]!;
    });
  }
  return { text: got.join('\n'), tolerated };
}

/**
 * Modules the browser's Python does not have (it ships the standard library and requests with its
 * dependencies only, docs/python.md): a snippet that imports one fails in the browser with
 * ModuleNotFoundError, which the run explains, and is compared with nothing else.
 */
const NOT_IN_THE_BROWSER = ['pydantic'];

function missingModule(code: string): string | null {
  return (
    NOT_IN_THE_BROWSER.find((name) =>
      new RegExp(`^\\s*(from|import)\\s+${name}\\b`, 'm').test(code),
    ) ?? null
  );
}

for (const { lesson, snippets } of lessons) {
  test(`${lesson.folder}: ${snippets.length} Python snippet(s) print what python3 prints`, async ({
    page,
  }) => {
    // Each snippet may use its whole time limit, twice (python3, then the browser), and the first
    // run boots Python.
    test.setTimeout(
      60_000 + snippets.reduce((sum, { example }) => sum + 2 * example.timeout + 10_000, 0),
    );
    await page.goto(`/lessons/${lesson.slug}/`);
    for (const { example, title, nth } of snippets) {
      await test.step(`${title} (line ${example.line})`, async () => {
        const where = `${lesson.folder}/index.mdx line ${example.line} (${title})`;
        // python3 first, against a fresh local server of its own: not at the same time as the
        // browser's run, whose timings (lesson 12's `after 2.0 s`) a busy CPU would change.
        const python3 = await runPythonExample(example);
        expect.soft(python3.failure, `python3 ran ${where}`).toBeNull();
        await showPython(page, title);
        const target = pythonExample(page, title, nth);
        await target.region.scrollIntoViewIfNeeded();
        // The lesson's scenario= holds in the browser too: it is the example's Simulate default.
        await expect(target.simulate).toHaveValue(example.scenario);
        const state = await runToEnd(target, example.timeout + 60_000);
        const browser = await consoleText(target.console);
        const status = await target.status.textContent();
        const missing = missingModule(example.code);
        if (missing) {
          test.info().annotations.push({
            type: 'not in the browser',
            description: `${where} imports ${missing}, which the browser's Python does not have`,
          });
          expect
            .soft(status, `the browser's run of ${where}`)
            .toMatch(
              new RegExp(
                `^Failed after \\d+ ms: ModuleNotFoundError: No module named '${missing}'`,
              ),
            );
          expect.soft(browser).toContain(`${missing} cannot be imported here`);
          return;
        }
        expect
          .soft({ state, status }, `the browser's run of ${where} ended`)
          .toEqual({ state: 'finished', status: expect.stringMatching(/^Finished in \d+ ms\.$/) });
        const timed = TIMED_LINES[`${lesson.folder}/${title}`];
        const againstPython3 = withinRounding(browser, python3.output, timed);
        expect
          .soft(
            differences(againstPython3.text, python3.output, example.expected),
            `${where}: the browser's Console against python3's output`,
          )
          .toEqual([]);
        const tolerated = [...againstPython3.tolerated];
        if (example.expected !== null) {
          const againstLesson = withinRounding(browser, example.expected, timed);
          tolerated.push(...againstLesson.tolerated);
          expect
            .soft(
              diffOutput(example.expected, againstLesson.text),
              `${where}: the browser's Console against the lesson's expected output`,
            )
            .toBeNull();
        }
        for (const line of new Set(tolerated)) {
          test.info().annotations.push({
            type: 'timing within half a second',
            description: `${where} ${line}`,
          });
        }
      });
    }
  });
}
