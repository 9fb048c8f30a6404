import { z } from 'astro/zod';

/** The sections of the source lesson (shared/seed/http-clients-lesson.txt) a lesson can cover. */
export const sourceSections = [
  "What You'll Learn",
  'The requests Library',
  'Always Set Timeouts',
  'Handling Response Errors',
  'Making Different Request Types',
  'Query Parameters',
  'Sessions: Reuse Connections',
  'Building a Simple API Client Class',
  'Inspecting Responses',
  'Common Mistakes',
  'Quick Reference',
] as const;

/** Frontmatter of one lesson: `lessons/<folder>/index.mdx`. */
export const lessonSchema = z
  .object({
    title: z
      .string()
      .min(3)
      .max(80)
      .describe('Lesson title, shown in the course navigation and as the page heading.'),
    summary: z
      .string()
      .min(20)
      .max(240)
      .describe('One or two sentences for the home page and the page description.'),
    order: z
      .number()
      .int()
      .positive()
      .describe('Position in the course, starting at 1. Each lesson needs a different order.'),
    learn: z
      .array(z.string().min(3))
      .min(1)
      .describe('"What you\'ll learn": short outcomes, shown at the top of the lesson.'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(120)
      .describe('Estimated reading and practice time in minutes.'),
    source: z
      .array(z.enum(sourceSections))
      .describe(
        'Sections of the source Python lesson that this lesson covers; empty (`[]`) for a lesson that goes beyond it.',
      ),
    draft: z
      .boolean()
      .default(false)
      .describe('Drafts are built in development only and left out of the published course.'),
  })
  .strict();

export type Lesson = z.infer<typeof lessonSchema>;
