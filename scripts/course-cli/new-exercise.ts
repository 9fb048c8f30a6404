/**
 * `npm run new:exercise -- <lesson> <id>` scaffolds `lessons/<lesson>/exercises/<id>/` with
 * exercise.mdx (frontmatter that passes the exercise schema), start.ts, solution.ts and checks.ts.
 * `<lesson>` is the folder (`04-retries`), its number (`04`) or its name (`retries`). The scaffold
 * fails `npm run exercises:verify` on purpose until the solution and checks are written.
 * Exit code: 0 created, 2 usage error, unknown lesson, or an id that is taken or not kebab-case.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCli, parseCliOrExit, usageError } from './cli-args.ts';

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** camelCase function name for the exercise, e.g. `retry-get` → `retryGet`. */
function exportName(id: string): string {
  const name = id.replace(/-([a-z0-9])/g, (_, char: string) => char.toUpperCase());
  return /^[a-z]/.test(name) ? name : `solve${name}`;
}

export function scaffoldFiles(id: string): Record<string, string> {
  const fn = exportName(id);
  return {
    'exercise.mdx': `---
id: ${id}
title: 'TODO: a title that says what the learner builds'
difficulty: 1
minutes: 10
skills:
  - 'TODO: a skill'
hints:
  - 'TODO: a first nudge, then hints that come closer to the answer.'
---

TODO: the task, in prose. Say what \`${fn}\` receives, what it resolves with, and how each failure
must end. The checks run it against the mock API on a virtual clock.
`,
    'start.ts': `// Exercise: ${id}. Keep the export: the checks import it by this name.

/** TODO: describe the function the learner writes. */
export async function ${fn}(): Promise<unknown> {
  // Your code here.
  throw new Error('${fn}() is not written yet');
}
`,
    'solution.ts': `// TODO: the reference solution. \`npm run exercises:verify\` fails until it passes every check.
export async function ${fn}(): Promise<unknown> {
  throw new Error('TODO: write the solution of ${id}');
}
`,
    'checks.ts': `import { check, expect } from 'course:checks';

// Each check runs in a fresh sandbox against the mock API (\`scenario\` picks its behaviour), on a
// virtual clock. The checks API and examples: src/checker/checks-api.ts.
export default [
  check({ name: 'TODO: what this check wants', points: 1 }, async ({ learner }) => {
    const result = await learner.${fn}();
    expect(result, '${fn}()').toBe('TODO: the expected value');
  }),
];
`,
  };
}

export function resolveLesson(lessonsDir: string, wanted: string): string | null {
  const lessons = readdirSync(lessonsDir).filter((name) => /^\d\d-/.test(name));
  return (
    lessons.find((name) => name === wanted) ??
    lessons.find(
      (name) => name.startsWith(`${wanted.padStart(2, '0')}-`) && /^\d+$/.test(wanted),
    ) ??
    lessons.find((name) => name.slice(3) === wanted) ??
    null
  );
}

export function newExercise(lessonsDir: string, lessonArg: string, id: string): string {
  if (!KEBAB_CASE.test(id)) {
    throw new Error(
      `"${id}" is not a valid id: use kebab-case, lower-case letters and digits joined by single hyphens, e.g. "retry-get".`,
    );
  }
  const lesson = resolveLesson(lessonsDir, lessonArg);
  if (!lesson) {
    const known = readdirSync(lessonsDir).filter((name) => /^\d\d-/.test(name));
    throw new Error(`There is no lesson "${lessonArg}". Lessons: ${known.join(', ')}.`);
  }
  for (const other of readdirSync(lessonsDir)) {
    if (existsSync(join(lessonsDir, other, 'exercises', id))) {
      throw new Error(
        `The id "${id}" is taken by lessons/${other}/exercises/${id}. Ids are unique across the course: pick another.`,
      );
    }
  }
  const folder = join(lessonsDir, lesson, 'exercises', id);
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(scaffoldFiles(id)))
    writeFileSync(join(folder, name), text);
  return folder;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const cli = defineCli({
    name: 'new:exercise',
    usage: '<lesson folder, number or name> <exercise-id>',
    summary:
      'Scaffolds lessons/<lesson>/exercises/<id>/ (exercise.mdx, start.ts, solution.ts, checks.ts). The lesson is its folder (04-retries), number (04) or name (retries); the id is kebab-case and unique in the course.',
    allowPositionals: true,
    options: {},
    exitCodes: {
      0: 'created',
      2: 'usage error, unknown lesson, or an id that is taken or not kebab-case',
    },
  });
  const [lesson, id, ...rest] = parseCliOrExit(cli).positionals;
  if (!lesson || !id || rest.length > 0) {
    process.exitCode = usageError(cli, 'Give a lesson and one new exercise id, e.g. 04 retry-get.');
  } else {
    const lessonsDir = fileURLToPath(new URL('../../lessons/', import.meta.url));
    try {
      const folder = newExercise(lessonsDir, lesson, id);
      const where = relative(process.cwd(), folder);
      console.log(
        [
          `Created ${where}/ with exercise.mdx, start.ts, solution.ts and checks.ts.`,
          'Next: write the task and frontmatter in exercise.mdx, the starter in start.ts, the solution in',
          'solution.ts and real checks in checks.ts, then put <Exercise id="' +
            id +
            '" /> in the lesson.',
          '`npm run exercises:verify` FAILS for this exercise until then (the solution must pass every',
          'check and the starter must fail every one); it names what is still wrong.',
        ].join('\n'),
      );
    } catch (error) {
      console.error((error as Error).message);
      process.exitCode = 2;
    }
  }
}
