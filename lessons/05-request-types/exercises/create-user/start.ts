// Exercise: create-user. Keep the exports: the checks import them by these names.
export interface User {
  id: number;
  name: string;
  username: string;
  email: string;
  status: 'active' | 'inactive';
  created_at: string;
}

/** 422: the server named what is wrong with each field, e.g. { email: 'must be an email address…' }. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly fields: Record<string, string>) {
    super(`Invalid: ${Object.keys(fields).join(', ')}`);
  }
}

/**
 * Create a user: POST `input` as JSON to https://api.example.com/users.
 * - 201: resolve with the user the server stored and the `Location` header, its URL.
 * - 422: throw ValidationError with `fields`, built from the body's `errors` list
 *   ([{ field, message }, …] → { [field]: message }).
 * - any other status: throw an Error whose message contains the status.
 */
export async function createUser(input: unknown): Promise<{ user: User; location: string }> {
  // Your code here.
  throw new Error(`createUser(${JSON.stringify(input)}) is not written yet`);
}
