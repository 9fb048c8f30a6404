/**
 * submission.schema.json, generated from the zod schema in submission.ts so the documented format
 * and the validator cannot drift apart (`npm run teach:schema` writes it; a unit test compares).
 */
import { z } from 'astro/zod';
import { submissionSchema } from './submission.ts';

export function submissionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(submissionSchema, { target: 'draft-2020-12' }),
    $id: 'https://http-clients-course.example/submission.schema.json',
    title: 'Assignment submission',
    description:
      "One student's work on one assignment, saved by \"Download submission\" on the assignment page (/teach/assignment/) and graded by /teach/grade/ or `npm run grade`. Everything in it is the student's claim: the grader re-runs the code with the site's checks, and `results` is advisory. Generated from src/teach/submission.ts.",
  };
}
