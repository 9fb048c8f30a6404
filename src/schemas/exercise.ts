import { z } from 'astro/zod';

/** Stable ids: lower-case words joined by single hyphens, e.g. `fetch-user`. */
const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Frontmatter of one exercise: `lessons/<lesson>/exercises/<id>/exercise.mdx`. The body below the
 * frontmatter is the task, in prose; `start.ts`, `solution.ts` and `checks.ts` sit beside it.
 */
export const exerciseSchema = z
  .object({
    id: z
      .string()
      .regex(
        KEBAB_CASE,
        'Use kebab-case: lower-case letters and digits joined by single hyphens, e.g. "fetch-user".',
      )
      .describe(
        'Stable id, unique across the course and equal to the folder name. Saved work, progress, ' +
          'links (/exercises/<id>/) and grades use it, so never change it once published.',
      ),
    title: z
      .string()
      .min(3)
      .max(80)
      .describe('Shown to the learner; the exercise region is named "Exercise: <title>".'),
    difficulty: z
      .number()
      .int('Use a whole number: 1 (easy), 2 (medium) or 3 (hard).')
      .min(1, 'Use 1 (easy), 2 (medium) or 3 (hard).')
      .max(3, 'Use 1 (easy), 2 (medium) or 3 (hard).')
      .describe('1 (easy), 2 (medium) or 3 (hard).'),
    minutes: z.number().int().min(1).max(120).describe('Estimated time to solve it, in minutes.'),
    skills: z
      .array(z.string().min(2))
      .min(1, 'Name at least one skill the exercise practises.')
      .describe('What it practises, e.g. "status codes", "Retry-After"; shown as tags.'),
    hints: z
      .array(z.string().min(3))
      .min(1, 'Give at least one hint.')
      .describe(
        'Ordered from a nudge to nearly the answer; "Hint" reveals them one at a time. ' +
          '`backticks` become code.',
      ),
  })
  .strict();

export type ExerciseData = z.infer<typeof exerciseSchema>;

/** "Easy", "Medium" or "Hard", for a difficulty the schema accepted. */
export function difficultyLabel(difficulty: number): string {
  return ['Easy', 'Medium', 'Hard'][difficulty - 1] ?? `Difficulty ${difficulty}`;
}
