export interface User {
  id: number;
  name: string;
  email: string;
}

export class UserNotFoundError extends Error {
  override name = 'UserNotFoundError';
  constructor(readonly userId: number) {
    super(`User ${userId} not found`);
  }
}

export class RateLimitError extends Error {
  override name = 'RateLimitError';
  constructor(readonly retryAfterSeconds: number | null) {
    super('Rate limited');
  }
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number) {
    super(`API error: ${status}`);
  }
}

export class NetworkError extends Error {
  override name = 'NetworkError';
}

export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
}

/** Retry-After as seconds to wait: whole seconds, or the seconds until an HTTP date; else null. */
function retryAfterSeconds(header: string | null): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  // Servers send the IMF-fixdate form, which Date.parse reads exactly (lesson 3 shows all three).
  if (!/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/.test(value)) return null;
  return Math.max(0, Math.ceil((Date.parse(value) - Date.now()) / 1000));
}

export async function fetchUser(id: number): Promise<User> {
  let response: Response;
  try {
    response = await fetch(`https://api.example.com/users/${id}`, {
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new RequestTimeoutError(`No answer for user ${id} within 10 s`);
    }
    throw new NetworkError(`Could not reach the API for user ${id}`);
  }
  if (response.status === 404) throw new UserNotFoundError(id);
  if (response.status === 429) {
    throw new RateLimitError(retryAfterSeconds(response.headers.get('Retry-After')));
  }
  if (!response.ok) throw new ApiError(response.status);
  return (await response.json()) as User;
}
