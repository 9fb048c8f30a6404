/**
 * The lesson check: every runnable TypeScript example and every Python snippet of every lesson runs
 * against the mock API and must print its lesson's expected output; lessons follow the authoring
 * rules; internal links resolve. `npm run unit` runs it through scripts/lesson-checks/check-lessons.test.ts.
 *
 * By hand, to see what examples print (e.g. while writing a lesson):
 *   npx tsx scripts/lesson-checks/check-lessons.ts [--print] [--scenario=<id>] [folder-or-slug ...]
 * `--print` shows each example's actual output instead of only the differences; `--scenario` runs
 * every example under another Simulate setting (to try a lesson's "Try this" prompts).
 */
import { isScenarioId, scenarios } from '../../mock-api/index.ts';
import { diffOutput } from './check-lessons-compare.ts';
import {
  lessonFolders,
  readLesson,
  type LessonExample,
  type LessonSource,
} from './check-lessons-extract.ts';
import { checkLinks } from './check-lessons-links.ts';
import { createNodeRunner } from '../../src/runner/node/node-host.ts';
import type { Runner } from '../../src/runner/runner.ts';

/**
 * TypeScript examples run exactly as in the browser, through the sandbox runtime's Node host: the same
 * compile options, the same runtime, the real clock as in a lesson, and the text of the run record's
 * Console, which is what the reader's Console shows.
 */
export interface TsRunResult {
  output: string;
  /** Why the run did not finish normally (compile error, uncaught error, time limit), or null. */
  failure: string | null;
}

let runner: Runner | null = null;

/** One runner for the whole check: it keeps a sandbox booted for the next example. */
function nodeRunner(): Runner {
  runner ??= createNodeRunner();
  return runner;
}

/** Ends the spare sandbox so the process can exit. */
export function closeTsRunner(): void {
  runner?.dispose();
  runner = null;
}

export async function runTsExample(example: LessonExample): Promise<TsRunResult> {
  const record = await nodeRunner().run(example.code, {
    scenario: example.scenario,
    timeLimitMs: example.timeout,
    clock: 'real',
  }).done;
  const output = record.console.map((line) => line.text).join('\n');
  switch (record.outcome) {
    case 'finished':
      return { output, failure: null };
    case 'timed-out':
      return {
        output,
        failure: `did not finish within its time limit of ${example.timeout} ms (set timeout= in the fence meta if it needs longer)`,
      };
    case 'failed':
      return {
        output,
        failure: record.error
          ? `failed: ${record.error.name}: ${record.error.message}`
          : 'failed without an error',
      };
    default:
      return { output, failure: `ended "${record.outcome}": ${record.message ?? ''}` };
  }
}

/** Lessons need this many runnable examples; the quick reference instead needs every block runnable. */
export const MIN_RUNNABLE_EXAMPLES = 3;

export function readAllLessons(): LessonSource[] {
  return lessonFolders().map((folder) => readLesson(folder));
}

/** Rules every lesson must follow, beyond what its frontmatter schema checks. */
export function authoringProblems(lesson: LessonSource, text: string): string[] {
  const problems = [...lesson.problems];
  const runnable = lesson.examples.filter((example) => example.kind === 'ts');
  const isQuickReference = (lesson.frontmatter.source as string[] | undefined)?.includes(
    'Quick Reference',
  );
  if (isQuickReference) {
    for (const fence of lesson.fences) {
      if ((fence.lang === 'ts' || fence.lang === 'typescript') && !fence.run) {
        problems.push(
          `line ${fence.line}: every TypeScript block of the quick reference must be \`run\``,
        );
      }
    }
  } else if (runnable.length < MIN_RUNNABLE_EXAMPLES) {
    problems.push(
      `has ${runnable.length} runnable examples; a lesson needs at least ${MIN_RUNNABLE_EXAMPLES}`,
    );
  }
  for (const example of lesson.examples) {
    if (!isScenarioId(example.scenario)) {
      problems.push(
        `line ${example.line}: scenario="${example.scenario}" is not one of ${scenarios.map((s) => s.id).join(', ')}`,
      );
    }
  }
  if (!lesson.headings.includes('Summary')) problems.push('has no "## Summary" section');
  if (!/\*\*Try this:\*\*[^]*?Simulate/.test(text)) {
    problems.push('has no "**Try this:**" prompt that uses the Simulate switch');
  }
  return problems;
}

export async function runExample(
  example: LessonExample,
): Promise<{ output: string; problem: string | null }> {
  // Loaded on demand: TypeScript examples need no HTTP server module.
  const result =
    example.kind === 'ts'
      ? await runTsExample(example)
      : await (await import('./check-lessons-run-python.ts')).runPythonExample(example);
  if (result.failure) {
    return { output: result.output, problem: `${describe(example)} ${result.failure}` };
  }
  if (example.expected === null) return { output: result.output, problem: null };
  const diff = diffOutput(example.expected, result.output);
  return {
    output: result.output,
    problem: diff ? `${describe(example)} printed something else.\n${diff}` : null,
  };
}

export function describe(example: LessonExample): string {
  const language = example.kind === 'ts' ? 'TypeScript example' : 'Python snippet';
  return `${example.lesson}/index.mdx line ${example.line}: ${language} "${example.title}"`;
}

async function main(args: string[]): Promise<number> {
  const print = args.includes('--print');
  // --scenario=<id> runs every example under another Simulate setting, to try a lesson's prompts.
  const scenario = args.find((arg) => arg.startsWith('--scenario='))?.split('=')[1];
  const filters = args.filter((arg) => !arg.startsWith('--'));
  const { readFileSync } = await import('node:fs');
  const lessons = readAllLessons();
  const chosen = lessons.filter(
    (lesson) =>
      filters.length === 0 ||
      filters.some((filter) => lesson.folder.includes(filter) || lesson.slug === filter),
  );
  const problems: string[] = [...checkLinks(lessons)];
  for (const lesson of chosen) {
    const text = readFileSync(lesson.file, 'utf8');
    problems.push(...authoringProblems(lesson, text).map((p) => `${lesson.folder}: ${p}`));
    for (const example of lesson.examples) {
      if (example.norun) continue;
      const started = performance.now();
      const { output, problem } = await runExample(scenario ? { ...example, scenario } : example);
      const ms = Math.round(performance.now() - started);
      console.log(`${problem ? '✗' : '✓'} ${describe(example)} (${ms} ms)`);
      if (print) console.log(`${output}\n`);
      if (problem) problems.push(problem);
    }
  }
  closeTsRunner();
  for (const problem of problems) console.error(`\n${problem}`);
  console.log(`\n${problems.length} problem(s)`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
