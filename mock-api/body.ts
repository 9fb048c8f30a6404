import { problem } from './respond';

/**
 * Reads a JSON request body the way a strict API does: wrong `Content-Type` is 415, an empty or
 * unparsable body is 400. Returns the parsed value, or the error response to send.
 */
export async function readJsonBody(
  request: Request,
): Promise<{ value: unknown } | { error: Response }> {
  const type = request.headers.get('Content-Type') ?? '';
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    return {
      error: problem(415, {
        detail: `This endpoint reads JSON, but the request's Content-Type is ${type ? `'${type}'` : 'missing'}. Send the body with Content-Type: application/json (fetch: headers: { 'Content-Type': 'application/json' }; requests: json=...).`,
        headers: { 'Accept-Post': 'application/json', 'Accept-Patch': 'application/json' },
      }),
    };
  }
  const text = await request.text();
  if (text.trim() === '') {
    return {
      error: problem(400, {
        type: 'invalid-json',
        detail: 'The request body is empty; send a JSON object.',
      }),
    };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (cause) {
    return {
      error: problem(400, {
        type: 'invalid-json',
        detail: `The request body is not valid JSON (${(cause as Error).message}). Build it with JSON.stringify(...) rather than by hand.`,
      }),
    };
  }
}
