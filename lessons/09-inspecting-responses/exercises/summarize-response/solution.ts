export interface Summary {
  status: number;
  ok: boolean;
  contentType: string | null;
  remaining: number | null;
  body: unknown;
}

/** `application/json` or any `+json` type, parameters such as `; charset=utf-8` ignored. */
function isJson(contentType: string | null): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

export async function summarize(response: Response): Promise<Summary> {
  const contentType = response.headers.get('Content-Type');
  const remaining = response.headers.get('X-RateLimit-Remaining');
  const text = await response.text();
  return {
    status: response.status,
    ok: response.ok,
    contentType,
    // Number(null) is 0: a missing header must stay null, and a real 0 must stay 0.
    remaining: remaining === null ? null : Number(remaining),
    body: text === '' ? null : isJson(contentType) ? JSON.parse(text) : text,
  };
}
