/** An answer that is neither 2xx nor 304. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export interface JsonCache {
  getJson(url: string): Promise<unknown>;
}

interface Entry {
  body: unknown;
  etag: string;
  freshUntil: number; // Date.now() until which the body may be used without asking
}

/** Seconds of `max-age` in a Cache-Control header, or 0 (stale at once) without one. */
function maxAgeMs(response: Response): number {
  const match = /(?:^|,)\s*max-age=(\d+)/i.exec(response.headers.get('Cache-Control') ?? '');
  return match ? Number(match[1]) * 1000 : 0;
}

export function createCache(): JsonCache {
  const entries = new Map<string, Entry>();
  return {
    async getJson(url) {
      const entry = entries.get(url);
      if (entry && Date.now() < entry.freshUntil) return entry.body; // fresh: no request

      const response = await fetch(url, {
        headers: entry ? { 'If-None-Match': entry.etag } : {},
      });
      // Before `ok`: a 304 is not ok, and it has no body to read.
      if (response.status === 304 && entry) {
        entry.freshUntil = Date.now() + maxAgeMs(response);
        return entry.body;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new HttpError(response.status);
      }
      const body: unknown = await response.json();
      const etag = response.headers.get('ETag');
      if (etag) entries.set(url, { body, etag, freshUntil: Date.now() + maxAgeMs(response) });
      else entries.delete(url);
      return body;
    },
  };
}
