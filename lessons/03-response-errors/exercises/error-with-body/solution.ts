export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** The `detail` of a problem body, if the body is one. */
function detailOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('detail' in body)) return null;
  return typeof body.detail === 'string' ? body.detail : null;
}

export async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (response.ok) return await response.json();
  // Read the error body once, as text: it may be an HTML page, not JSON.
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  const detail = detailOf(body);
  const message = `HTTP ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`;
  throw new HttpError(message, response.status, body);
}
