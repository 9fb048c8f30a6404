export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}`);
  }
}

export async function readJson<T>(response: Response): Promise<T | undefined> {
  // Read once, as text: both branches below need it, and a body can be read only once.
  const text = await response.text();
  if (!response.ok) {
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (an HTML error page, say): keep the text.
    }
    throw new HttpError(response.status, body, response.url);
  }
  return text ? (JSON.parse(text) as T) : undefined;
}
