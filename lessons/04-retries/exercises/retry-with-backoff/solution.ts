const RETRYABLE = new Set([429, 502, 503, 504]);

/** Retry-After in milliseconds: whole seconds or an HTTP date; null when absent or unreadable. */
function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export async function getWithRetry(url: string, maxAttempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await fetch(url);
    } catch (error) {
      // No response at all: worth another try, unless this was the last one.
      if (attempt >= maxAttempts) throw error;
    }
    if (response && (!RETRYABLE.has(response.status) || attempt >= maxAttempts)) {
      return response;
    }
    const backoff = 1000 * 2 ** (attempt - 1) + Math.random() * 250;
    const waitMs = retryAfterMs(response?.headers.get('Retry-After') ?? null) ?? backoff;
    await response?.body?.cancel(); // this body will not be read: free the connection
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
