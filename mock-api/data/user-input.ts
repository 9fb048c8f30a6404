import type { FieldError } from '../respond';
import type { UserStatus } from './users';

export interface UserInput {
  name?: string;
  email?: string;
  status?: UserStatus;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a user body. `create` and `replace` need `name` and `email`; `patch` needs nothing but
 * checks whatever is there. Read-only and unknown fields (`id`, `created_at`, ...) are ignored, so a
 * client can send back what it received.
 */
export function validateUserInput(
  body: unknown,
  mode: 'create' | 'replace' | 'patch',
): { input: UserInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { input: {}, errors: [{ field: 'body', message: 'must be a JSON object' }] };
  }
  const record = body as Record<string, unknown>;
  const input: UserInput = {};
  const required = mode !== 'patch';

  if (record.name === undefined) {
    if (required) errors.push({ field: 'name', message: 'is required' });
  } else if (typeof record.name !== 'string' || record.name.trim() === '') {
    errors.push({ field: 'name', message: 'must be a non-empty string' });
  } else if (record.name.length > 100) {
    errors.push({ field: 'name', message: 'must be at most 100 characters' });
  } else {
    input.name = record.name.trim();
  }

  if (record.email === undefined) {
    if (required) errors.push({ field: 'email', message: 'is required' });
  } else if (typeof record.email !== 'string' || !EMAIL.test(record.email)) {
    errors.push({ field: 'email', message: 'must be an email address like name@example.com' });
  } else {
    input.email = record.email;
  }

  if (record.status !== undefined) {
    if (record.status === 'active' || record.status === 'inactive') input.status = record.status;
    else errors.push({ field: 'status', message: "must be 'active' or 'inactive'" });
  }
  return { input, errors };
}
