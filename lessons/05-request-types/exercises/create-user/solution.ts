export interface User {
  id: number;
  name: string;
  username: string;
  email: string;
  status: 'active' | 'inactive';
  created_at: string;
}

export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly fields: Record<string, string>) {
    super(`Invalid: ${Object.keys(fields).join(', ')}`);
  }
}

interface FieldError {
  field: string;
  message: string;
}

export async function createUser(input: unknown): Promise<{ user: User; location: string }> {
  const response = await fetch('https://api.example.com/users', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 422) {
    const problem = (await response.json()) as { errors?: FieldError[] };
    const fields = Object.fromEntries(
      (problem.errors ?? []).map(({ field, message }) => [field, message]),
    );
    throw new ValidationError(fields);
  }
  if (response.status !== 201) {
    throw new Error(`POST /users failed: ${response.status} ${response.statusText}`);
  }
  const user = (await response.json()) as User;
  return { user, location: response.headers.get('Location') ?? '' };
}
