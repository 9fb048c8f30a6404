import { z } from 'astro/zod';
import { scenarios } from '../../mock-api/scenarios.ts';
import { CLOCK_KINDS } from '../runner/clock.ts';

/**
 * A runnable example's options, written in its fence's meta:
 * ```ts run id="first-get" title="Your first GET request" scenario="slow" timeout=15000
 * Read by the remark plugin at build time (a mistake stops the build, naming the lesson and line) and
 * by the lesson check, through the same parser.
 */
export const exampleOptionsSchema = z
  .object({
    run: z.literal(true).describe('Marks the fence as runnable: it becomes a live example.'),
    id: z
      .string()
      .regex(
        /^[a-z0-9]+(-[a-z0-9]+)*$/,
        'must be kebab-case: lower-case letters, digits and dashes',
      )
      .max(60)
      .describe(
        'Stable id, unique across the site. Saved edits and share links use it, so keep it when the title changes.',
      ),
    title: z
      .string()
      .min(3)
      .max(80)
      .describe("The example's heading; also names its region for screen readers."),
    scenario: z
      .enum(scenarios.map((scenario) => scenario.id) as [string, ...string[]])
      .default('normal')
      .describe('The Simulate preset its runs start with (mock-api/scenarios.ts).'),
    timeout: z.coerce
      .number()
      .int('must be a whole number of milliseconds')
      .min(100)
      .max(120_000)
      .default(10_000)
      .describe('Real milliseconds a run may take before it is stopped.'),
    clock: z.enum(CLOCK_KINDS).default('real').describe('`virtual` makes waits cost no real time.'),
    norun: z.literal(true).optional().describe('The lesson check skips it (a fragment).'),
    uses: z
      .string()
      .regex(
        /^[a-z0-9]+(-[a-z0-9]+)*([ ,]+[a-z0-9]+(-[a-z0-9]+)*)*$/,
        'must name helpers blocks by id, separated by spaces',
      )
      .optional()
      .describe(
        'Ids of ```ts helpers``` blocks above it in the lesson: their code runs before this example, folded in its editor (src/lib/example-helpers.ts).',
      ),
  })
  .strict();

/**
 * A helpers block, shown once in a lesson and reused folded by later examples (`uses="<id>"`):
 * ```ts helpers id="retry-helpers" title="The retry helpers"
 */
export const helperBlockOptionsSchema = z
  .object({
    helpers: z.literal(true).describe('Marks the fence as a helpers block.'),
    id: z
      .string()
      .regex(
        /^[a-z0-9]+(-[a-z0-9]+)*$/,
        'must be kebab-case: lower-case letters, digits and dashes',
      )
      .describe('What `uses=` of a later example names; unique within the lesson.'),
    title: z
      .string()
      .min(3)
      .max(80)
      .describe("The block's heading, also named where it is folded."),
  })
  .strict();

export type HelperBlockOptions = z.infer<typeof helperBlockOptionsSchema>;

/** True for a fence meta that declares a helpers block. */
export function isHelperBlockMeta(meta: string | null | undefined): boolean {
  return /(^|\s)helpers(\s|$)/.test(meta ?? '');
}

/** A helpers block's options, or an Error naming where it is and what to fix. */
export function readHelperBlockOptions(meta: string, where: string): HelperBlockOptions {
  const result = helperBlockOptionsSchema.safeParse(parseFenceMeta(meta));
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `option \`${issue.path.join('.') || 'meta'}\`: ${issue.message}.`,
  );
  throw new Error(`${where}: this helpers block's ${problems.join(' ')}`);
}

export type ExampleOptions = z.infer<typeof exampleOptionsSchema>;

/** Reads `key="value with spaces"`, `key='value'`, `key=value` and bare `flag` tokens of a fence's meta. */
export function parseFenceMeta(meta: string): Record<string, string | true> {
  const pairs: Record<string, string | true> = {};
  for (const match of meta.matchAll(/([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
    pairs[match[1]!] = match[2] ?? match[3] ?? match[4] ?? true;
  }
  return pairs;
}

/**
 * The options of a runnable fence, or an Error whose message names where it is, which option is
 * wrong and how to fix it.
 */
export function readExampleOptions(meta: string, where: string): ExampleOptions {
  const result = exampleOptionsSchema.safeParse(parseFenceMeta(meta));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || 'meta';
    const hint =
      field === 'id' && issue.code === 'invalid_type'
        ? ' Add id="some-kebab-case-name", unique across the site.'
        : '';
    return `option \`${field}\`: ${issue.message}.${hint}`;
  });
  throw new Error(`${where}: this runnable example's ${problems.join(' ')}`);
}
