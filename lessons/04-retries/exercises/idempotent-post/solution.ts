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

const RETRYABLE = new Set([429, 502, 503, 504]);

export async function createUser(input: NewUser, maxAttempts = 3): Promise<User> {
  // One key for this operation, made before the first attempt and reused by every retry.
  const key = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await fetch('https://api.example.com/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      if (attempt >= maxAttempts) throw error;
    }
    if (response?.status === 201) return (await response.json()) as User;
    if (response && (!RETRYABLE.has(response.status) || attempt >= maxAttempts)) {
      throw new Error(`POST /users failed: ${response.status} ${response.statusText}`);
    }
    // Whole seconds only (lesson 3): Number() would take "2.5" or "1e3", and a date gives NaN.
    const header = response?.headers.get('Retry-After')?.trim() ?? '';
    const retryAfter = /^\d+$/.test(header) ? Number(header) : NaN;
    const waitMs = Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000 * 2 ** (attempt - 1);
    await response?.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
