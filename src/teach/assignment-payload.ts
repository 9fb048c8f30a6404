/**
 * The short form of an assignment link's payload (`#a=2.<base64url>`), about 40 % shorter than the
 * JSON form so that the link fits a QR code a phone reads off paper. Most of an assignment is its
 * checks fingerprints: in JSON each is 71 characters of hex that deflate cannot shrink, here each is
 * its 32 raw bytes. The rest (id, title, due, zone, exercises, instructions) is a JSON array without
 * field names, deflated. Bytes: [assignment version][exercise count][32 bytes per fingerprint]
 * [deflate-raw(JSON array)]. Decoding gives back the same object the JSON form carries, and the
 * caller validates it with the same schema; payloads in the JSON form (no `2.` prefix) still decode.
 */
import { deflateRaw, fromBase64Url, inflateRaw, toBase64Url } from './compressed-json.ts';

/** What a short payload starts with; a JSON-form payload is base64url only, so never has a dot. */
export const SHORT_PAYLOAD_PREFIX = '2.';

/** The assignment version this layout carries; a later one may lay out its fields differently. */
const LAYOUT_VERSION = 1;
const FINGERPRINT_BYTES = 32;
const HEX_FINGERPRINT = /^sha256-([0-9a-f]{64})$/;

/** The fields the short form carries: an assignment as assignment-link.ts defines it. */
export interface PayloadAssignment {
  version: number;
  id: string;
  title: string;
  instructions?: string;
  due: string;
  timeZone: string;
  exercises: { id: string; points?: number; fingerprint: string }[];
}

/** Thrown when a short payload is cut off or not laid out as above (the link is damaged). */
export class DamagedPayloadError extends Error {
  override name = 'DamagedPayloadError';
}

/**
 * The short payload of a valid assignment (validate it first), or null when it cannot take the
 * short form (a fingerprint that is not SHA-256 hex, more than 255 exercises, a version over 255).
 */
export async function encodeShortPayload(assignment: PayloadAssignment): Promise<string | null> {
  const { exercises } = assignment;
  if (assignment.version > 255 || exercises.length > 255) return null;
  const head = new Uint8Array(2 + exercises.length * FINGERPRINT_BYTES);
  head[0] = assignment.version;
  head[1] = exercises.length;
  for (const [index, exercise] of exercises.entries()) {
    const hex = HEX_FINGERPRINT.exec(exercise.fingerprint)?.[1];
    if (!hex) return null;
    for (let i = 0; i < FINGERPRINT_BYTES; i++) {
      head[2 + index * FINGERPRINT_BYTES + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    }
  }
  const fields: unknown[] = [
    assignment.id,
    assignment.title,
    assignment.due,
    assignment.timeZone,
    exercises.map((exercise) =>
      exercise.points === undefined ? [exercise.id] : [exercise.id, exercise.points],
    ),
  ];
  if (assignment.instructions !== undefined) fields.push(assignment.instructions);
  const body = await deflateRaw(new TextEncoder().encode(JSON.stringify(fields)));
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return SHORT_PAYLOAD_PREFIX + toBase64Url(bytes);
}

/**
 * The object a short payload carries, not yet validated (the caller runs the schema). Throws
 * TooLargeError past `maxJsonBytes` inflated, DamagedPayloadError or TypeError for a damaged one.
 */
export async function decodeShortPayload(payload: string, maxJsonBytes: number): Promise<unknown> {
  const bytes = fromBase64Url(payload.slice(SHORT_PAYLOAD_PREFIX.length));
  const version = bytes[0] ?? 0;
  // Only the version of a newer layout is read: the caller says the link needs a newer site.
  if (version > LAYOUT_VERSION) return { version };
  const count = bytes[1] ?? 0;
  const bodyAt = 2 + count * FINGERPRINT_BYTES;
  if (bytes.length <= bodyAt) throw new DamagedPayloadError('cut off before its fields');
  const text = new TextDecoder('utf-8', { fatal: true }).decode(
    await inflateRaw(bytes.subarray(bodyAt), maxJsonBytes),
  );
  const fields: unknown = JSON.parse(text);
  if (!Array.isArray(fields)) throw new DamagedPayloadError('its fields are not a list');
  const [id, title, due, timeZone, exercises, ...rest] = fields as unknown[];
  if (!Array.isArray(exercises) || exercises.length !== count) {
    throw new DamagedPayloadError('its exercises do not match its fingerprints');
  }
  const fingerprint = (index: number) =>
    `sha256-${Array.from(
      bytes.subarray(2 + index * FINGERPRINT_BYTES, 2 + (index + 1) * FINGERPRINT_BYTES),
      (byte) => byte.toString(16).padStart(2, '0'),
    ).join('')}`;
  return {
    version,
    id,
    title,
    ...(rest.length > 0 ? { instructions: rest[0] } : {}),
    due,
    timeZone,
    exercises: exercises.map((entry: unknown, index) => {
      const [exerciseId, points, ...extra] = Array.isArray(entry) ? entry : [entry];
      return {
        id: exerciseId,
        ...(points !== undefined ? { points } : {}),
        ...(extra.length > 0 ? { extra } : {}),
        fingerprint: fingerprint(index),
      };
    }),
    ...(rest.length > 1 ? { extra: rest.slice(1) } : {}),
  };
}
