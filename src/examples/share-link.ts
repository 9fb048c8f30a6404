/**
 * Share links carry a reader's edited example in the URL hash: `#share=<example-id>.<payload>`, where
 * the payload is the code compressed with deflate-raw (the browser's built-in CompressionStream) and
 * encoded as base64url. The hash never reaches a server, and opening a link never runs anything.
 */

/** Longest hash we accept; browsers and chat apps mangle longer URLs. @default 16_000 characters */
export const maxPayloadLength = 16_000;
/** Largest code we restore from a link. @default 64 KiB */
export const maxCodeLength = 64 * 1024;

const prefix = '#share=';

export type ShareDecodeResult =
  | { ok: true; exampleId: string; code: string }
  | { ok: false; exampleId: string | null; message: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
) {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    // Stop early on a decompression bomb instead of filling memory.
    if (size > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The hash (starting with `#share=`) that reopens `exampleId` with `code`. */
export async function encodeShareHash(exampleId: string, code: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(exampleId)) throw new Error(`Invalid example id "${exampleId}".`);
  const compressed = await pipe(
    new TextEncoder().encode(code),
    new CompressionStream('deflate-raw'),
    Infinity,
  );
  const hash = `${prefix}${exampleId}.${toBase64Url(compressed)}`;
  if (hash.length > maxPayloadLength) {
    throw new RangeError(
      `This code is too long to share as a link (${hash.length} characters; the limit is ${maxPayloadLength}). Shorten it, or copy the code instead.`,
    );
  }
  return hash;
}

/** Whether a hash looks like a share link at all (cheap; does not decode). */
export function isShareHash(hash: string): boolean {
  return hash.startsWith(prefix);
}

/** Decodes a share hash. Never throws: a bad link gives a message the reader can act on. */
export async function decodeShareHash(hash: string): Promise<ShareDecodeResult> {
  const body = hash.slice(prefix.length);
  const dot = body.indexOf('.');
  const exampleId = dot > 0 && /^[a-z0-9-]+$/.test(body.slice(0, dot)) ? body.slice(0, dot) : null;
  const broken = (why: string): ShareDecodeResult => ({
    ok: false,
    exampleId,
    message: `This shared link could not be opened: ${why} The lesson's own code is shown instead; ask the sender for a new link.`,
  });
  if (!isShareHash(hash) || exampleId === null) return broken('it does not name an example.');
  if (hash.length > maxPayloadLength)
    return broken(`it is too long (over ${maxPayloadLength} characters).`);
  try {
    const bytes = await pipe(
      fromBase64Url(body.slice(dot + 1)),
      new DecompressionStream('deflate-raw'),
      maxCodeLength,
    );
    const code = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, exampleId, code };
  } catch (error) {
    if (error instanceof RangeError)
      return broken(`the code in it is larger than ${maxCodeLength / 1024} KiB.`);
    return broken('it is damaged or incomplete (perhaps cut off when it was copied).');
  }
}
