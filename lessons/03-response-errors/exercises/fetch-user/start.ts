// Exercise: fetch-user. Keep every export: the checks import them by these names.
export interface User {
  id: number;
  name: string;
  email: string;
}

/** 404: no user with that id. The message contains the id. */
export class UserNotFoundError extends Error {
  override name = 'UserNotFoundError';
  constructor(readonly userId: number) {
    super(`User ${userId} not found`);
  }
}

/**
 * 429: too many requests. `retryAfterSeconds` comes from the Retry-After header: its whole seconds
 * ("2"), or the seconds until its HTTP date ("Wed, 25 Nov 2026 07:28:03 GMT"); null without one.
 */
export class RateLimitError extends Error {
  override name = 'RateLimitError';
  constructor(readonly retryAfterSeconds: number | null) {
    super('Rate limited');
  }
}

/** Any other non-2xx answer. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number) {
    super(`API error: ${status}`);
  }
}

/** No response at all: the network failed. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** No answer within 10 seconds. */
export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
}

/**
 * GET https://api.example.com/users/{id} with a 10 s deadline, and turn every failure into the
 * right error above.
 */
export async function fetchUser(id: number): Promise<User> {
  // Your code here: fetch the user, check the status, throw the right error.
  throw new Error(`fetchUser(${id}) is not written yet`);
}
