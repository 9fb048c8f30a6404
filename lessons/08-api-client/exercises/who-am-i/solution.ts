export interface Me {
  id: number;
  name: string;
  email: string;
  scopes: string[];
}

export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
  constructor(readonly challenge: string | null) {
    super(`Unauthorized: ${challenge ?? 'no challenge given'}`);
  }
}

export async function whoAmI(token: string): Promise<Me> {
  const response = await fetch('https://api.example.com/me', {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5_000),
  });
  if (response.status === 401) {
    throw new UnauthorizedError(response.headers.get('WWW-Authenticate'));
  }
  if (!response.ok) throw new Error(`GET /me failed: ${response.status} ${response.statusText}`);
  return (await response.json()) as Me;
}
