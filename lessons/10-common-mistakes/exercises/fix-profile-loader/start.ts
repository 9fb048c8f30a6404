// Exercise: fix-profile-loader. A debugging session left this broken: fix it.
// Keep the exports and the signature: the checks call loadProfile(token, log).

export interface Profile {
  id: number;
  name: string;
  email: string;
  scopes: string[];
}

/** Any answer that is not 2xx. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The signed-in user for `token`; `log` receives one line per request. */
export async function loadProfile(token: string, log: (line: string) => void): Promise<Profile> {
  const headers = { Authorization: `Bearer ${token}` };
  const response = await fetch('https://api.example.com/me', { headers });
  log(`request headers ${JSON.stringify(headers)}`);
  log(`response ${await response.text()}`);
  return await response.json();
}
