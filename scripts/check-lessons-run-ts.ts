/**
 * Runs one runnable TypeScript example in Node the way the browser sandbox does: compiled with
 * esbuild (the same esbuild-wasm the site uses), `fetch` answered by the mock API handlers through
 * msw/node with fresh, seeded state, and console output turned into text with the runner's own
 * serialiser, so the text is what the browser Console shows.
 *
 * Examples run one at a time: msw/node patches the process-wide `fetch`.
 */
import { transform } from 'esbuild-wasm';
import { setupServer } from 'msw/node';
import { createMockApi, isScenarioId } from '../mock-api/index.ts';
import { formatConsoleLine, formatTable, serialize } from '../src/runner/serialize.ts';
import type { LessonExample } from './check-lessons-extract.ts';

export interface TsRunResult {
  output: string;
  /** Why the run did not finish normally (compile error, uncaught error, time limit), or null. */
  failure: string | null;
}

const consoles = new Map<string, Console>();
let runCounter = 0;

function captureConsole(lines: string[]): Console {
  const log = (...args: unknown[]) => {
    lines.push(formatConsoleLine(args.map((arg) => serialize(arg))));
  };
  return {
    ...console,
    log,
    info: log,
    warn: log,
    error: log,
    debug: log,
    trace: log,
    dir: (value: unknown) => log(value),
    table: (data: unknown) => lines.push(formatTable(serialize(data))),
  } as Console;
}

export async function compileExample(code: string): Promise<string> {
  const result = await transform(code, {
    loader: 'ts',
    format: 'esm',
    target: 'es2024',
    sourcefile: 'example.ts',
  });
  return result.code;
}

export async function runTsExample(example: LessonExample): Promise<TsRunResult> {
  const lines: string[] = [];
  let compiled: string;
  try {
    compiled = await compileExample(example.code);
  } catch (error) {
    return { output: '', failure: `does not compile: ${(error as Error).message}` };
  }

  const id = `run-${(runCounter += 1)}`;
  consoles.set(id, captureConsole(lines));
  // The example sees our console through a module-scoped binding, as the sandbox gives it its own.
  const prelude = `const console = globalThis.__lessonCheckConsoles.get(${JSON.stringify(id)});`;
  (globalThis as { __lessonCheckConsoles?: Map<string, Console> }).__lessonCheckConsoles = consoles;
  const url = `data:text/javascript;base64,${Buffer.from(`${prelude}\n${compiled}`).toString('base64')}`;

  if (!isScenarioId(example.scenario)) {
    return { output: '', failure: `has an unknown scenario="${example.scenario}"` };
  }
  const server = setupServer(...createMockApi({ scenario: example.scenario }).handlers);
  server.listen({ onUnhandledFrame: 'error' });
  let timer: NodeJS.Timeout | undefined;
  try {
    const limit = new Promise<'time limit'>((resolve) => {
      timer = setTimeout(() => resolve('time limit'), example.timeout);
    });
    const outcome = await Promise.race([import(url).then(() => 'done' as const), limit]);
    if (outcome === 'time limit') {
      return {
        output: lines.join('\n'),
        failure: `did not finish within its time limit of ${example.timeout} ms (set timeout= in the fence meta if it needs longer)`,
      };
    }
    return { output: lines.join('\n'), failure: null };
  } catch (error) {
    const shown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { output: lines.join('\n'), failure: `threw an uncaught error: ${shown}` };
  } finally {
    clearTimeout(timer);
    server.close();
    consoles.delete(id);
  }
}
