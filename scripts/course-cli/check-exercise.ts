/**
 * `npm run check-exercise -- <id> <file.ts> [--json]` judges a file with an exercise's checks in the
 * sandbox's Node host: a readable report, or with --json only the results (src/checker/results.schema.json).
 * Exit code: 0 all checks pass, 1 some fail, 2 the code could not be judged or a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { compileChecks, findExercises } from '../../src/checker/exercises.ts';
import { judge, type Results } from '../../src/checker/judge.ts';
import { createListingStore } from '../../src/checker/node/listing-store.ts';
import { traceFeedback } from '../../src/checker/trace-feedback.ts';
import { createNodeRunner } from '../../src/runner/node/node-host.ts';
import { defineCli, parseCli, usageError, userPath } from './cli-args.ts';

const CLI = defineCli({
  name: 'check-exercise',
  usage: '<exercise-id> <file.ts> [--json]',
  summary: "Judges a TypeScript file with an exercise's checks in the sandbox's Node host.",
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false } },
  optionHelp: { json: 'Print only the results as JSON (src/checker/results.schema.json).' },
  exitCodes: {
    0: 'every check passes',
    1: 'some check fails',
    2: 'usage error, or the code could not be judged',
  },
});

export function formatResults(results: Results): string {
  const lines = [`${results.exercise}: ${results.score} of ${results.maxScore} points`];
  if (results.message) lines.push(results.message);
  for (const test of results.tests) {
    const mark = test.status === 'pass' ? '✓' : test.status === 'fail' ? '✗' : '!';
    lines.push(`${mark} ${test.name} (${test.points}/${test.maxPoints})`);
    if (test.message && test.status !== 'pass') lines.push(`    ${test.message}`);
    if (test.expected !== undefined) lines.push(`    expected: ${test.expected}`);
    if (test.actual !== undefined) lines.push(`    actual:   ${test.actual}`);
    for (const feedback of traceFeedback(test)) lines.push(`    → ${feedback.message}`);
  }
  const passed = results.tests.filter((test) => test.status === 'pass').length;
  lines.push(`${passed} of ${results.tests.length} checks passed`);
  return lines.join('\n');
}

async function main(args: string[]): Promise<number> {
  const parsed = parseCli(CLI, args);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed.args;
  if (positionals.length !== 2) return usageError(CLI, 'Give an exercise id and a file.');
  const id = positionals[0]!;
  const file = userPath(positionals[1]!);
  const exercises = findExercises();
  const exercise = exercises.find((entry) => entry.id === id);
  if (!exercise) {
    console.error(
      `No exercise "${id}". Known exercises: ${exercises.map((entry) => entry.id).join(', ')}.`,
    );
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`No file at ${file}. Check the path and try again.`);
    return 2;
  }
  // The checks run one after another in one sandbox (judge.ts): boot it while the checks compile.
  const runner = createNodeRunner({ spares: 1 });
  void runner.warmUp({ compiler: false });
  try {
    const results = await judge(runner, readFileSync(file, 'utf8'), {
      exercise: id,
      checksJs: await compileChecks(exercise),
      listingStore: createListingStore(),
      lastUseOfRunner: true,
    });
    console.log(values.json ? JSON.stringify(results, null, 2) : formatResults(results));
    return results.status === 'pass' ? 0 : results.status === 'fail' ? 1 : 2;
  } finally {
    runner.dispose();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
