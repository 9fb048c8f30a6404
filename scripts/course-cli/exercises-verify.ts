/**
 * `npm run exercises:verify`: every exercise's solution passes every check, and its starter fails
 * every check (a check the starter passes too proves nothing: it is named as useless). Prints one
 * line per exercise; exit code 1 when anything is wrong.
 */
import { availableParallelism } from 'node:os';
import { compileChecks, findExercises, type ExerciseFiles } from '../../src/checker/exercises.ts';
import { judge } from '../../src/checker/judge.ts';
import { createNodeRunner } from '../../src/runner/node/node-host.ts';
import { defineCli, parseCliOrExit } from './cli-args.ts';

/** Runs `work` over `items`, at most `limit` at a time, keeping the results in order. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

export async function verifyExercises(): Promise<string[]> {
  // Each check runs in a fresh child process; two exercises at a time keep both cores busy while
  // one child boots and another runs.
  const lanes = Math.max(1, availableParallelism());
  const runner = createNodeRunner({ spares: lanes });
  const verifyOne = async (exercise: ExerciseFiles): Promise<string[]> => {
    const problems: string[] = [];
    const started = performance.now();
    const checksJs = await compileChecks(exercise);
    const [solution, start] = await Promise.all([
      judge(runner, exercise.solution, { exercise: exercise.id, checksJs }),
      judge(runner, exercise.start, { exercise: exercise.id, checksJs }),
    ]);
    const where = `${exercise.lesson}/exercises/${exercise.id}`;
    if (solution.tests.length === 0)
      problems.push(`${where}: no checks ran (${solution.message ?? 'no message'})`);
    for (const test of solution.tests) {
      if (test.status !== 'pass') {
        problems.push(
          `${where}: the solution does not pass "${test.name}": ${test.message ?? test.status}`,
        );
      }
    }
    for (const test of start.tests) {
      if (test.status === 'pass') {
        problems.push(
          `${where}: the check "${test.name}" passes for the starter too, so it proves nothing (useless)`,
        );
      }
    }
    const ms = Math.round(performance.now() - started);
    console.log(
      `${exercise.id}: solution ${solution.score}/${solution.maxScore}, starter ${start.score}/${start.maxScore} (${ms} ms)`,
    );
    return problems;
  };
  try {
    return (await mapLimit(findExercises(), lanes, verifyOne)).flat();
  } finally {
    runner.dispose();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  parseCliOrExit(
    defineCli({
      name: 'exercises:verify',
      usage: '',
      summary:
        "Judges every exercise's solution (it must pass every check) and starter (it must fail every one) in the Node host, and lints the exercise files. One line per exercise.",
      options: {},
      exitCodes: {
        0: 'every exercise is sound',
        1: 'something is wrong (each problem is printed)',
      },
    }),
  );
  const started = performance.now();
  const problems = await verifyExercises();
  for (const problem of problems) console.error(problem);
  console.log(`${problems.length} problem(s) in ${Math.round(performance.now() - started)} ms`);
  process.exitCode = problems.length ? 1 : 0;
}
