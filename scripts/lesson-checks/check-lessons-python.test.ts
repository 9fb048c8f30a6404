/**
 * The lessons' Python snippets as tests, one per snippet, named "<lesson> › <snippet title>": each
 * gets its own python3 process (real `requests`) and mock server, two at a time.
 */
import { describe, expect, test } from 'vitest';
import { readAllLessons, runExample } from './check-lessons.ts';

const pythonExamples = readAllLessons()
  .flatMap((lesson) => lesson.examples)
  .filter((example) => !example.norun && example.kind === 'python');

/** Room for starting python3 and the mock on top of the snippet's own time limit. */
const SLACK_MS = 10_000;

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
