/** Rejected with when the body brings more than maxBytes bytes. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * GET `url` and return the values of its NDJSON body, in order; BodyTooLargeError (with the body
 * cancelled) as soon as more than `maxBytes` bytes have arrived.
 */
export async function readNdjson(url: string, maxBytes: number): Promise<unknown[]> {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status} from ${url}`);
  }
  const values: unknown[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  let bytes = 0;
  const take = (line: string) => {
    if (line.trim() !== '') values.push(JSON.parse(line));
  };
  for await (const piece of response.body) {
    bytes += piece.length;
    // Leaving the loop with a throw cancels the body: the server stops sending.
    if (bytes > maxBytes) {
      throw new BodyTooLargeError(`more than ${maxBytes} bytes (${bytes} so far)`);
    }
    buffered += decoder.decode(piece, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop()!; // not a whole line yet
    lines.forEach(take);
  }
  // The loop ended without an error: the body is complete. A last line may lack its '\n'.
  take(buffered + decoder.decode());
  return values;
}
