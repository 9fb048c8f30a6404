// Exercise: idempotent-post. Keep the exports: the checks import them by these names.
export interface NewUser {
  name: string;
  email: string;
}

export interface User extends NewUser {
  id: number;
  username: string;
  status: 'active' | 'inactive';
  created_at: string;
}

/**
 * Create a user: POST `input` as JSON to https://api.example.com/users, safely retried.
 * - Send `Content-Type: application/json` and an `Idempotency-Key`: one new key per call of
 *   createUser, and the SAME key on every retry of that call, so the server never creates the
 *   user twice.
 * - Make at most `maxAttempts` requests. Retry after a network failure and after 429, 502, 503
 *   and 504, waiting `Retry-After` seconds when the response has it, otherwise at least 1 s,
 *   then 2 s, 4 s…
 * - Resolve with the created user (201). Any other status, or a retryable one on the last attempt,
 *   throws an Error whose message contains the status; with no response at all, rethrow the last
 *   network error.
 */
export async function createUser(input: NewUser, maxAttempts = 3): Promise<User> {
  // Your code here.
  throw new Error(`createUser(${input.name}, ${maxAttempts}) is not written yet`);
}
