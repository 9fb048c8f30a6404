/**
 * JSON carried in a URL: UTF-8 → deflate-raw (the platform's CompressionStream, in browsers and Node
 * alike) → base64url, the same encoding as the example share links (src/examples/share-link.ts).
 * Decoding stops as soon as the inflated size passes a limit, so a small link cannot expand into a
 * decompression bomb.
 */

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws a TypeError when `text` holds anything but base64url characters. */
export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Thrown when the inflated bytes pass the caller's limit. */
export class TooLargeError extends RangeError {
  override name = 'TooLargeError';
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new TooLargeError(`more than ${limit} bytes`);
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

/** `bytes` deflated (raw deflate, no header: the smallest the platform makes). */
export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('deflate-raw'), Infinity);
}

/** Inflates raw deflate data; throws TooLargeError past `maxBytes`, other errors on damage. */
export function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream('deflate-raw'), maxBytes);
}

export async function compressJson(value: unknown): Promise<string> {
  return toBase64Url(await deflateRaw(new TextEncoder().encode(JSON.stringify(value))));
}

/**
 * The JSON value in `payload`. Throws TooLargeError past `maxBytes` inflated, TypeError for text
 * that is not base64url, and other errors for damaged deflate data, bad UTF-8 or bad JSON.
 */
export async function decompressJson(payload: string, maxBytes: number): Promise<unknown> {
  const bytes = await inflateRaw(fromBase64Url(payload), maxBytes);
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}
