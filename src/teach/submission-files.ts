/**
 * Reads a batch of submission files for grading: each file is accepted or refused on its own, with a
 * message that names the file, says what is wrong and what to do, so one bad file never stops the
 * others from being graded.
 */
import { assertNever } from '../runner/assert-never.ts';
import type { Assignment } from './assignment-link.ts';
import { nestsDeeperThan } from './json-depth.ts';
import {
  maxSubmissionBytes,
  maxSubmissionDepth,
  SUBMISSION_KIND,
  SUBMISSION_VERSION,
  submissionSchema,
  type Submission,
} from './submission.ts';

export interface SubmissionFile {
  /** The file's name (or path), used in every message. */
  name: string;
  text: string;
  /** Bytes on disk; defaults to the UTF-8 length of `text`. */
  size?: number;
}

export type RefusalReason =
  | 'oversized'
  | 'not-json'
  | 'too-deep'
  | 'not-submission'
  | 'newer-version'
  | 'other-assignment'
  | 'changed-checks';

export type FileVerdict =
  | { file: string; ok: true; submission: Submission }
  | { file: string; ok: false; reason: RefusalReason; message: string };

function refusal(file: string, reason: RefusalReason, detail: string): FileVerdict {
  return { file, ok: false, reason, message: `${file}: ${detail}` };
}

function readOne(file: SubmissionFile, assignment: Assignment): FileVerdict {
  const size = file.size ?? new TextEncoder().encode(file.text).length;
  if (size > maxSubmissionBytes) {
    return refusal(
      file.name,
      'oversized',
      `the file is ${(size / 1_000_000).toFixed(1)} MB, over the 1 MB limit for a submission. Ask the student to download the submission again from the assignment page; do not edit it by hand.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch {
    return refusal(
      file.name,
      'not-json',
      'the file is not JSON (perhaps a different file, or cut off). Ask the student for the .json file that "Download submission" saves.',
    );
  }
  if (nestsDeeperThan(json, maxSubmissionDepth)) {
    return refusal(
      file.name,
      'too-deep',
      `the file nests lists and objects more than ${maxSubmissionDepth} levels deep, which the assignment page never writes (the file was edited or made by something else). Ask the student to download the submission again from the assignment page.`,
    );
  }
  const record = json as Record<string, unknown> | null;
  if (typeof record !== 'object' || record === null || record.kind !== SUBMISSION_KIND) {
    return refusal(
      file.name,
      'not-submission',
      'this JSON is not a course submission. Ask the student for the file that "Download submission" saves on the assignment page.',
    );
  }
  if (typeof record.version === 'number' && record.version > SUBMISSION_VERSION) {
    return refusal(
      file.name,
      'newer-version',
      `it was saved by a newer version of the course (submission format ${record.version}; this grader reads ${SUBMISSION_VERSION}). Update the site or the grader and try again.`,
    );
  }
  const parsed = submissionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refusal(
      file.name,
      'not-submission',
      `the submission is damaged: ${issue.path.join('.') || 'the file'}: ${issue.message}. Ask the student to download it again from the assignment page.`,
    );
  }
  const submission = parsed.data;
  if (submission.assignment.id !== assignment.id) {
    return refusal(
      file.name,
      'other-assignment',
      `it belongs to another assignment ("${submission.assignment.title}", id ${submission.assignment.id}), not "${assignment.title}" (id ${assignment.id}). Grade it with that assignment's link, or ask the student to submit work for this one.`,
    );
  }
  const changed = assignment.exercises
    .filter((exercise) => submission.assignment.fingerprints[exercise.id] !== exercise.fingerprint)
    .map((exercise) => exercise.id);
  if (changed.length > 0) {
    return refusal(
      file.name,
      'changed-checks',
      `its checks do not match this assignment's link for ${changed.join(', ')} (the student opened a different version of the link). Ask the student to open the current link, check the work again and download a new submission.`,
    );
  }
  return { file: file.name, ok: true, submission };
}

/** Who a submission is: the student id when given (roster match), else the name. */
export function studentKey(submission: Submission): string {
  const id = submission.student.id?.trim().toLowerCase();
  return id
    ? `id:${id}`
    : `name:${submission.student.name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

/**
 * Verdicts for every file, in the given order. Two files from the same student are both accepted:
 * the grading report flags them (`duplicate`) and the teacher chooses; a file's own `submittedAt`
 * is the student's claim and decides nothing.
 */
export function readSubmissionFiles(
  files: SubmissionFile[],
  assignment: Assignment,
): FileVerdict[] {
  return files.map((file) => readOne(file, assignment));
}

/** A short label for a refusal, e.g. for a table cell or a CSV flag. */
export function refusalLabel(reason: RefusalReason): string {
  switch (reason) {
    case 'oversized':
      return 'too large';
    case 'not-json':
      return 'not JSON';
    case 'too-deep':
      return 'nested too deep';
    case 'not-submission':
      return 'not a submission';
    case 'newer-version':
      return 'newer format';
    case 'other-assignment':
      return 'another assignment';
    case 'changed-checks':
      return 'changed checks';
    default:
      return assertNever(reason);
  }
}
