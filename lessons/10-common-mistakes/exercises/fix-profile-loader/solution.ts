export interface Profile {
  id: number;
  name: string;
  email: string;
  scopes: string[];
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export async function loadProfile(token: string, log: (line: string) => void): Promise<Profile> {
  const response = await fetch('https://api.example.com/me', {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5_000),
  });
  // The shape of the exchange, not its content: no headers (the token), no body (personal data).
  log(`GET /me → ${response.status}`);
  if (!response.ok) throw new HttpError(response.status);
  return (await response.json()) as Profile;
}
