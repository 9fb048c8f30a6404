// Exercise: who-am-i. Keep the exports: the checks use them.

export interface Me {
  id: number;
  name: string;
  email: string;
  scopes: string[];
}

/** 401: the token is missing or wrong. `challenge` is the WWW-Authenticate header, or null. */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
  constructor(readonly challenge: string | null) {
    super(`Unauthorized: ${challenge ?? 'no challenge given'}`);
  }
}

/**
 * GET https://api.example.com/me with `Authorization: Bearer <token>` and a 5 s deadline.
 * Resolves the user; 401 → UnauthorizedError; any other non-2xx → an Error with the status.
 */
export async function whoAmI(token: string): Promise<Me> {
  // Your code here.
  throw new Error(`whoAmI(a ${token.length}-character token) is not written yet`);
}
