/**
 * The assignment link: a teacher's choice of exercises, versioned, compressed into the URL hash
 * (`/teach/assignment/#a=<payload>`), with each exercise's checks fingerprint. No server ever sees
 * it; decoding never throws and says what is wrong and what to do. New links carry the short form
 * (assignment-payload.ts, `#a=2.…`); links in the first, JSON form (compressed-json.ts) still open.
 */
import { z } from 'astro/zod';
import {
  decodeShortPayload,
  encodeShortPayload,
  SHORT_PAYLOAD_PREFIX,
} from './assignment-payload.ts';
import { compressJson, decompressJson, TooLargeError } from './compressed-json.ts';
import { isIsoWithOffset, isTimeZone } from './due-date.ts';
import { FINGERPRINT_PATTERN } from './fingerprint.ts';

export const ASSIGNMENT_VERSION = 1;
/** Longest payload we accept; chat apps and LMS text fields mangle longer URLs. @default 8000 */
export const maxAssignmentPayload = 8000;
/** Most JSON a payload may inflate to (a bomb stops here). @default 64 KiB */
export const maxAssignmentJson = 64 * 1024;
/** The hash key: `#a=<payload>`. */
export const ASSIGNMENT_HASH_KEY = 'a';
/** Where the link opens, below the site's base path. */
export const ASSIGNMENT_PATH = '/teach/assignment/';

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const assignedExerciseSchema = z
  .object({
    id: z.string().regex(KEBAB_CASE).describe('The exercise id (its folder name).'),
    points: z
      .number()
      .positive()
      .max(1000)
      .optional()
      .describe("Points the exercise is worth; absent: the sum of its checks' points."),
    fingerprint: z
      .string()
      .regex(FINGERPRINT_PATTERN)
      .describe("SHA-256 of the exercise's checks.ts when the link was made (fingerprint.ts)."),
  })
  .strict();

export const assignmentSchema = z
  .object({
    version: z.literal(ASSIGNMENT_VERSION),
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{6,64}$/)
      .describe('Random id; submissions name it, so files from another assignment are refused.'),
    title: z.string().trim().min(1).max(200),
    instructions: z.string().max(10_000).optional(),
    due: z
      .string()
      .refine(
        isIsoWithOffset,
        'Use an ISO date-time with an offset, e.g. 2026-12-01T23:59:00+01:00.',
      )
      .describe('When work becomes late (it is still accepted, and marked late).'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'Use an IANA time zone name, e.g. Europe/Berlin.')
      .describe("The teacher's time zone, for showing the due date as they set it."),
    exercises: z
      .array(assignedExerciseSchema)
      .min(1, 'Pick at least one exercise.')
      .max(50)
      .refine(
        (list) => new Set(list.map((item) => item.id)).size === list.length,
        'Each exercise may appear only once.',
      ),
  })
  .strict();

export type AssignedExercise = z.infer<typeof assignedExerciseSchema>;
export type Assignment = z.infer<typeof assignmentSchema>;

export type AssignmentDecodeResult =
  { ok: true; assignment: Assignment } | { ok: false; message: string };

/** A fresh random assignment id (12 base64url characters, 72 bits). */
export function newAssignmentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** The hash (`#a=…`) that carries `assignment`. Throws when it is invalid or too long to share. */
export async function encodeAssignmentHash(assignment: Assignment): Promise<string> {
  const checked = assignmentSchema.safeParse(assignment);
  if (!checked.success) {
    throw new Error(`This assignment is not valid: ${describeIssues(checked.error)}`);
  }
  // The JSON form is the fallback for what the short form cannot hold (none today).
  const payload = (await encodeShortPayload(checked.data)) ?? (await compressJson(checked.data));
  if (payload.length > maxAssignmentPayload) {
    throw new RangeError(
      `This assignment is too long for a link (${payload.length} characters; the limit is ${maxAssignmentPayload}). Shorten the instructions or pick fewer exercises.`,
    );
  }
  return `#${ASSIGNMENT_HASH_KEY}=${payload}`;
}

/**
 * The full link: `siteUrl` is the site's root with its base path
 * (e.g. `https://course.example/http/`).
 */
export async function assignmentUrl(siteUrl: string, assignment: Assignment): Promise<string> {
  const root = siteUrl.replace(/\/+$/, '');
  return `${root}${ASSIGNMENT_PATH}${await encodeAssignmentHash(assignment)}`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'the assignment'}: ${issue.message}`)
    .join('; ');
}

/** The payload inside a full link, a hash, or the bare payload itself. */
function payloadOf(link: string): string | null {
  const text = link.trim();
  const hashAt = text.indexOf('#');
  const hash = hashAt >= 0 ? text.slice(hashAt + 1) : text.includes('=') ? text : null;
  if (hash === null) return /^(?:2\.)?[A-Za-z0-9_-]+$/.test(text) ? text : null;
  const value = new URLSearchParams(hash).get(ASSIGNMENT_HASH_KEY);
  return value === null || value === '' ? null : value;
}

/**
 * Decodes an assignment link (a full URL, its hash, or the payload). Never throws: a bad link gives
 * a message that says what is wrong and what to do.
 */
export async function decodeAssignmentLink(link: string): Promise<AssignmentDecodeResult> {
  const broken = (why: string): AssignmentDecodeResult => ({
    ok: false,
    message: `This assignment link could not be opened: ${why} Ask the teacher who made it for a new link (teachers: create it again on the Assign page).`,
  });
  const payload = payloadOf(link);
  if (payload === null) {
    return broken('it has no assignment in it (a link ends with #a= and a long code).');
  }
  if (payload.length > maxAssignmentPayload) {
    return broken(`it is too long (over ${maxAssignmentPayload} characters).`);
  }
  let json: unknown;
  try {
    json = payload.startsWith(SHORT_PAYLOAD_PREFIX)
      ? await decodeShortPayload(payload, maxAssignmentJson)
      : await decompressJson(payload, maxAssignmentJson);
  } catch (error) {
    if (error instanceof TooLargeError) {
      return broken(
        `it expands to more than ${maxAssignmentJson / 1024} KiB, more than any assignment.`,
      );
    }
    return broken('it is damaged or incomplete (perhaps cut off when it was copied).');
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > ASSIGNMENT_VERSION) {
    return broken(
      `it was made by a newer version of the course (assignment format ${version}; this site reads ${ASSIGNMENT_VERSION}). Reload the page to get the newest site.`,
    );
  }
  const parsed = assignmentSchema.safeParse(json);
  if (!parsed.success)
    return broken(`its contents are not a valid assignment (${describeIssues(parsed.error)}).`);
  return { ok: true, assignment: parsed.data };
}
