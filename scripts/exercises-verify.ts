/**
 * `npm run exercises:verify`: every exercise's solution passes every check, and its starter fails
 * every check (a check the starter passes too proves nothing: it is named as useless). Prints one
 * line per exercise; exit code 1 when anything is wrong.
 */
import { compileChecks, findExercises } from '../src/checker/exercises.ts';
import { judge } from '../src/checker/judge.ts';
import { createNodeRunner } from '../src/runner/node/node-host.ts';

export async function verifyExercises(): Promise<string[]> {
  const problems: string[] = [];
  const runner = createNodeRunner();
  try {
    for (const exercise of findExercises()) {
      const started = performance.now();
      const checksJs = await compileChecks(exercise);
      const solution = await judge(runner, exercise.solution, { exercise: exercise.id, checksJs });
      const start = await judge(runner, exercise.start, { exercise: exercise.id, checksJs });
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
    }
  } finally {
    runner.dispose();
  }
  return problems;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const started = performance.now();
  const problems = await verifyExercises();
  for (const problem of problems) console.error(problem);
  console.log(`${problems.length} problem(s) in ${Math.round(performance.now() - started)} ms`);
  process.exitCode = problems.length ? 1 : 0;
}
