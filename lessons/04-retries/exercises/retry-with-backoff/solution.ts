const RETRYABLE = new Set([429, 502, 503, 504]);
/** Servers send the IMF-fixdate form of an HTTP date; lesson 3's retryAfterMs reads all three. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/;

/** Retry-After in milliseconds: whole seconds or an HTTP date; null when absent or malformed. */
function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!IMF_FIXDATE.test(value)) return null;
  return Math.max(0, Date.parse(value) - Date.now());
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
    // Full jitter, as in lesson 4: anywhere from 0 to a ceiling that doubles on every retry.
    const backoff = Math.random() * 1000 * 2 ** (attempt - 1);
    const waitMs = retryAfterMs(response?.headers.get('Retry-After') ?? null) ?? backoff;
    await response?.body?.cancel(); // this body will not be read: free the connection
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
