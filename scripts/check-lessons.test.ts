/**
 * The lesson check as tests: one test per lesson for the authoring rules, one for links, and one per
 * example, named "<lesson> › <example title>" so a failure points straight at what drifted.
 * TypeScript examples run one after another in the sandbox's Node host (a fresh child process each,
 * with the next one booting meanwhile); Python snippets each get their own python3 process and mock
 * server, so they run two at a time.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { authoringProblems, closeTsRunner, readAllLessons, runExample } from './check-lessons.ts';
import { checkLinks } from './check-lessons-links.ts';

const lessons = readAllLessons();
const examples = lessons.flatMap((lesson) => lesson.examples).filter((e) => !e.norun);
const tsExamples = examples.filter((example) => example.kind === 'ts');
const pythonExamples = examples.filter((example) => example.kind === 'python');

/** Room for compiling and starting the mock on top of the example's own time limit. */
const SLACK_MS = 10_000;

describe('lesson authoring', () => {
  test.each(lessons.map((lesson) => [lesson.folder, lesson] as const))(
    '%s follows the authoring rules',
    (_folder, lesson) => {
      expect(authoringProblems(lesson, readFileSync(lesson.file, 'utf8'))).toEqual([]);
    },
  );

  test('internal links resolve to lessons, headings and pages', () => {
    expect(checkLinks(lessons)).toEqual([]);
  });
});

describe('TypeScript examples print their expected output', () => {
  afterAll(closeTsRunner);
  for (const example of tsExamples) {
    test(
      `${example.lesson} › ${example.title}`,
      async () => {
        const { problem } = await runExample(example);
        if (problem) expect.fail(problem);
      },
      example.timeout + SLACK_MS,
    );
  }
});

/**
 * Python snippets at once. Each python3 spends most of a second importing requests; more at a time
 * only share the same cores, and on a loaded machine pushed every snippet past its own time limit.
 */
const PYTHON_AT_ONCE = 2;
let pythonSlots = PYTHON_AT_ONCE;
const waitingForSlot: (() => void)[] = [];

/** Runs `work` once one of the PYTHON_AT_ONCE slots is free; the snippet's time limit starts then. */
async function inPythonSlot<T>(work: () => Promise<T>): Promise<T> {
  if (pythonSlots === 0) await new Promise<void>((resolve) => waitingForSlot.push(resolve));
  else pythonSlots--;
  try {
    return await work();
  } finally {
    const next = waitingForSlot.shift();
    if (next) next();
    else pythonSlots++;
  }
}

/** The longest a snippet may wait for a slot: every other snippet running to its limit first. */
const queueAllowanceMs = pythonExamples.reduce((sum, example) => sum + example.timeout, 0);

describe.concurrent('Python snippets run with requests against the local mock server', () => {
  for (const example of pythonExamples) {
    test(
      `${example.lesson} › ${example.title}`,
      async () => {
        const { problem } = await inPythonSlot(() => runExample(example));
        if (problem) expect.fail(problem);
      },
      example.timeout + SLACK_MS + queueAllowanceMs,
    );
  }
});
