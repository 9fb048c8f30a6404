/**
 * Runs one runnable TypeScript example exactly as the browser does, through the sandbox runtime's
 * Node host (src/runner/node/node-host.ts): the same compile options, the same runtime, the real
 * clock as in a lesson, and the text of the run record's Console, which is what the reader's
 * Console shows.
 */
import { createNodeRunner } from '../src/runner/node/node-host.ts';
import type { Runner } from '../src/runner/runner.ts';
import type { LessonExample } from './check-lessons-extract.ts';

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
