/**
 * The lesson check as tests: one test per lesson for the authoring rules, one for links, and one per
 * example, named "<lesson> › <example title>" so a failure points straight at what drifted.
 * TypeScript examples run one after another in the sandbox's Node host (a fresh child process each,
 * with the next one booting meanwhile). The Python snippets are in check-lessons-python.test.ts, a
 * file of their own so that the two run side by side.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { authoringProblems, closeTsRunner, readAllLessons, runExample } from './check-lessons.ts';
import { checkLinks } from './check-lessons-links.ts';

const lessons = readAllLessons();
const examples = lessons.flatMap((lesson) => lesson.examples).filter((e) => !e.norun);
const tsExamples = examples.filter((example) => example.kind === 'ts');

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
