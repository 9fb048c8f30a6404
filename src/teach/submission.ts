/**
 * The submission file a student downloads from the assignment page and hands in: one JSON document,
 * versioned, described by submission.schema.json (generated from this zod schema by
 * `npm run teach:schema`; a unit test keeps the two equal). Everything in it is the student's claim:
 * the grader re-runs the code and treats `results` as advisory.
 */
import { z } from 'astro/zod';
import type { Assignment } from './assignment-link.ts';
import { isLate } from './due-date.ts';
import { FINGERPRINT_PATTERN } from './fingerprint.ts';

export const SUBMISSION_VERSION = 1;
/** Marks the file as ours, so any other JSON is told apart from an old or broken submission. */
export const SUBMISSION_KIND = 'http-clients-course/submission';
/** Largest submission file we read. @default 1 MB */
export const maxSubmissionBytes = 1_000_000;
/** Largest code of one exercise. @default 64 KiB */
export const maxCodeLength = 64 * 1024;
/**
 * Deepest nesting of arrays and objects a submission file may have (its own shape needs 6). Checked
 * before the schema, so a hostile file nested thousands deep never reaches code that recurses.
 * @default 12
 */
export const maxSubmissionDepth = 12;
/** Most exercises in one submission (and fingerprints in its assignment). @default 50 */
export const maxExercises = 50;

/** ISO 8601 with `Z` or an offset; the JSON Schema says `format: date-time`. */
const isoDateTime = z.iso.datetime({ offset: true });

const claimedTestSchema = z
  .object({
    name: z.string().max(500),
    status: z.enum(['pass', 'fail', 'error']),
    points: z.number().min(0).max(10_000),
    maxPoints: z.number().min(0).max(10_000),
  })
  .strict()
  .describe('One check as the student saw it: its name, verdict and points.');

export const claimedResultsSchema = z
  .object({
    status: z.enum(['pass', 'fail', 'error']),
    score: z.number().min(0).max(10_000),
    maxScore: z.number().min(0).max(10_000),
    tests: z.array(claimedTestSchema).max(200),
  })
  .strict()
  .describe(
    "The results the student's browser showed (the fields of src/checker/results.schema.json the grader reads; no others). Advisory only: the grader re-runs the code and flags a difference.",
  );

export const submittedExerciseSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .describe('The exercise id.'),
    code: z.string().max(maxCodeLength).describe("The student's code, as saved in the editor."),
    results: claimedResultsSchema
      .nullable()
      .describe('The last Check the student ran on this code, or null when they never ran one.'),
    checkedAt: isoDateTime.nullable().describe('When that Check ran, or null.'),
  })
  .strict();

export const submissionSchema = z
  .object({
    $schema: z.string().max(300).optional().describe('Optional link to submission.schema.json.'),
    kind: z.literal(SUBMISSION_KIND).describe('Always "http-clients-course/submission".'),
    version: z
      .literal(SUBMISSION_VERSION)
      .describe('The format version; readers refuse newer ones.'),
    assignment: z
      .object({
        id: z.string().min(1).max(64).describe("The assignment link's id."),
        title: z.string().max(200),
        fingerprints: z
          .record(z.string().max(100), z.string().regex(FINGERPRINT_PATTERN))
          .refine((record) => Object.keys(record).length <= maxExercises, 'too many exercises')
          .describe("Each exercise's checks fingerprint, copied from the link."),
      })
      .strict(),
    student: z
      .object({
        name: z.string().trim().min(1, 'the student name is empty').max(200),
        id: z
          .string()
          .trim()
          .max(100)
          .optional()
          .describe('Optional student or roster id, for matching an LMS gradebook.'),
      })
      .strict(),
    exercises: z
      .array(submittedExerciseSchema)
      .max(maxExercises)
      .refine(
        (list) => new Set(list.map((item) => item.id)).size === list.length,
        'an exercise appears twice',
      ),
    startedAt: isoDateTime.nullable().describe('When the student first opened the assignment.'),
    submittedAt: isoDateTime.describe(
      "The student's claim: when the file was downloaded, by the student's own clock. A trustworthy time is the LMS's own upload time.",
    ),
    late: z
      .boolean()
      .describe(
        "The student's claim: submittedAt is after the due date (computed by the student's page).",
      ),
    siteVersion: z.string().max(100).describe('The course site version that made the file.'),
  })
  .strict();

/** The claimed results' fields the grader reads (a Results from judge.ts is one). */
export interface ClaimedResults {
  status: 'pass' | 'fail' | 'error';
  score: number;
  maxScore: number;
  tests: { name: string; status: 'pass' | 'fail' | 'error'; points: number; maxPoints: number }[];
}
export interface SubmittedExercise {
  id: string;
  code: string;
  results: ClaimedResults | null;
  checkedAt: string | null;
}
export type Submission = z.infer<typeof submissionSchema>;

export interface SubmissionInput {
  assignment: Assignment;
  student: { name: string; id?: string };
  exercises: SubmittedExercise[];
  startedAt: string | null;
  /** @default now */
  submittedAt?: string;
  siteVersion: string;
}

/** The submission the page downloads; `late` is computed against the assignment's due date. */
export function createSubmission(input: SubmissionInput): Submission {
  const submittedAt = input.submittedAt ?? new Date().toISOString();
  const studentId = input.student.id?.trim();
  return submissionSchema.parse({
    kind: SUBMISSION_KIND,
    version: SUBMISSION_VERSION,
    assignment: {
      id: input.assignment.id,
      title: input.assignment.title,
      fingerprints: Object.fromEntries(
        input.assignment.exercises.map((exercise) => [exercise.id, exercise.fingerprint]),
      ),
    },
    student: { name: input.student.name.trim(), ...(studentId ? { id: studentId } : {}) },
    exercises: input.exercises,
    startedAt: input.startedAt,
    submittedAt,
    late: isLate(submittedAt, input.assignment.due),
    siteVersion: input.siteVersion,
  });
}
