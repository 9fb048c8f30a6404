import { readJsonBody } from '../body';
import { validateUserInput } from '../data/user-input';
import type { User } from '../data/users';
import { API_HOST } from '../hosts';
import { enumParam, intParam, paginate } from '../query';
import { empty, json, problem, type FieldError } from '../respond';
import type { Route, RouteContext } from '../route';
import type { MockState } from '../state';

const group = 'Users';
const host = API_HOST;

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The user id, a positive whole number (the data set has users 1 to 64).',
} as const;

const userFields = (required: boolean) =>
  [
    { name: 'name', in: 'body', required, description: 'Full name, 1 to 100 characters.' },
    { name: 'email', in: 'body', required, description: 'Email address.' },
    {
      name: 'status',
      in: 'body',
      required: false,
      description: "'active' (default) or 'inactive'.",
    },
  ] as const;

/**
 * `Idempotency-Key` on POST /users (the IETF httpapi draft, as Stripe and others do it): the first
 * request with a key creates the user; a repeat with the same key and body answers the same 201 again,
 * marked `Idempotent-Replayed: true`, instead of creating a second user. Kept per run beside the run's
 * state (a WeakMap, so it ends with the run) rather than in MockState.
 */
const createdByKey = new WeakMap<MockState, Map<string, { body: string; userId: number }>>();

function keysOf(state: MockState): Map<string, { body: string; userId: number }> {
  let keys = createdByKey.get(state);
  if (!keys) createdByKey.set(state, (keys = new Map()));
  return keys;
}

function invalid(errors: FieldError[], what: string): Response {
  const list = errors.map((error) => `${error.field} ${error.message}`).join('; ');
  return problem(what === 'query' ? 400 : 422, {
    type: what === 'query' ? 'invalid-parameter' : 'validation-failed',
    detail:
      what === 'query' ? `Invalid query parameter: ${list}.` : `The user is not valid: ${list}.`,
    errors,
  });
}

/** Finds the user named by the `{id}` path parameter, or the 400/404 response to send instead. */
function findUser({ params, state }: RouteContext): { user: User } | { error: Response } {
  const raw = params.id ?? '';
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    return {
      error: problem(400, {
        type: 'invalid-parameter',
        detail: `User ids are positive whole numbers, got '${raw}'. Example: /users/42.`,
        errors: [{ field: 'id', message: 'must be a positive whole number' }],
      }),
    };
  }
  const user = state.users.get(Number(raw));
  if (!user) {
    return {
      error: problem(404, { detail: `There is no user with id ${raw}. It may have been deleted.` }),
    };
  }
  return { user };
}

export const userRoutes: Route[] = [
  {
    id: 'list-users',
    group,
    method: 'GET',
    host,
    path: '/users',
    description: 'A page of users, with Link (first/prev/next/last) and X-Total-Count headers.',
    params: [
      {
        name: 'page',
        in: 'query',
        required: false,
        description: 'Page number, from 1. Default 1.',
      },
      {
        name: 'per_page',
        in: 'query',
        required: false,
        description: 'Users per page, 1 to 100. Default 20.',
      },
      {
        name: 'status',
        in: 'query',
        required: false,
        description: "Only 'active' or only 'inactive' users.",
      },
    ],
    responses: [
      { status: 200, when: 'A page (possibly empty past the last page).' },
      { status: 400, when: 'A query parameter has a bad value; the problem body names it.' },
    ],
    example: { path: '/users?page=2&per_page=3&status=active' },
    resolve({ url, state }) {
      const errors: FieldError[] = [];
      const page = intParam(url, 'page', { min: 1, max: 1_000_000, fallback: 1 }, errors);
      const perPage = intParam(url, 'per_page', { min: 1, max: 100, fallback: 20 }, errors);
      const status = enumParam(url, 'status', ['active', 'inactive'] as const, errors);
      if (errors.length > 0) return invalid(errors, 'query');
      const users = [...state.users.values()].filter((user) => !status || user.status === status);
      const { body, headers } = paginate(url, users, page, perPage);
      return json(body, 200, headers);
    },
  },
  {
    id: 'get-user',
    group,
    method: 'GET',
    host,
    path: '/users/{id}',
    description: 'One user, by id.',
    params: [idParam],
    responses: [
      { status: 200, when: 'The user exists.' },
      { status: 400, when: 'The id is not a positive whole number.' },
      { status: 404, when: 'No such user (or it was deleted in this run).' },
    ],
    example: { path: '/users/42' },
    resolve(context) {
      const found = findUser(context);
      return 'error' in found ? found.error : json(found.user);
    },
  },
  {
    id: 'create-user',
    group,
    method: 'POST',
    host,
    path: '/users',
    description: 'Creates a user; answers 201 with a Location header and the new user.',
    params: [
      { name: 'Content-Type', in: 'header', required: true, description: 'application/json' },
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Any unique string. Repeating the POST with the same key and body creates no second user: the first 201 is answered again, with Idempotent-Replayed: true.',
      },
      ...userFields(true),
    ],
    responses: [
      { status: 201, when: 'Created; Location is the new user’s URL.' },
      { status: 400, when: 'The body is not JSON.' },
      { status: 415, when: 'The Content-Type is not application/json.' },
      {
        status: 422,
        when: 'A field is missing or invalid (the errors list names each one), or the Idempotency-Key was used before with another body.',
      },
    ],
    example: {
      method: 'POST',
      path: '/users',
      body: { name: 'Alice', email: 'alice@example.com' },
    },
    async resolve({ request, state }) {
      const read = await readJsonBody(request);
      if ('error' in read) return read.error;
      const key = request.headers.get('Idempotency-Key');
      const body = JSON.stringify(read.value);
      const earlier = key === null ? undefined : keysOf(state).get(key);
      if (earlier) {
        if (earlier.body !== body) {
          return problem(422, {
            type: 'idempotency-key-reused',
            detail: `The Idempotency-Key '${key}' was already used with a different body. Use a new key for a new request; reuse a key only to repeat the same request.`,
          });
        }
        const user = state.users.get(earlier.userId);
        if (user) {
          return json(user, 201, {
            Location: `${API_HOST}/users/${user.id}`,
            'Idempotent-Replayed': 'true',
          });
        }
      }
      const { input, errors } = validateUserInput(read.value, 'create');
      if (errors.length > 0) return invalid(errors, 'body');
      const id = state.nextUserId++;
      if (key !== null) keysOf(state).set(key, { body, userId: id });
      const user: User = {
        id,
        name: input.name!,
        username:
          input
            .name!.toLowerCase()
            .replace(/[^a-z0-9]+/g, '_')
            .replace(/^_|_$/g, '') || `user_${id}`,
        email: input.email!,
        status: input.status ?? 'active',
        created_at: new Date(state.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
      state.users.set(id, user);
      return json(user, 201, { Location: `${API_HOST}/users/${id}` });
    },
  },
  {
    id: 'replace-user',
    group,
    method: 'PUT',
    host,
    path: '/users/{id}',
    description:
      'Replaces a user: name and email are required, status resets to active if left out.',
    params: [idParam, ...userFields(true)],
    responses: [
      { status: 200, when: 'Replaced; the body is the updated user.' },
      { status: 404, when: 'No such user.' },
      { status: 415, when: 'The Content-Type is not application/json.' },
      { status: 422, when: 'A field is missing or invalid.' },
    ],
    example: {
      method: 'PUT',
      path: '/users/42',
      body: { name: 'Alice Smith', email: 'alice@example.com' },
    },
    async resolve(context) {
      const found = findUser(context);
      if ('error' in found) return found.error;
      const read = await readJsonBody(context.request);
      if ('error' in read) return read.error;
      const { input, errors } = validateUserInput(read.value, 'replace');
      if (errors.length > 0) return invalid(errors, 'body');
      Object.assign(found.user, {
        name: input.name,
        email: input.email,
        status: input.status ?? 'active',
      });
      return json(found.user);
    },
  },
  {
    id: 'update-user',
    group,
    method: 'PATCH',
    host,
    path: '/users/{id}',
    description: 'Changes only the fields sent.',
    params: [idParam, ...userFields(false)],
    responses: [
      { status: 200, when: 'Updated; the body is the whole user.' },
      { status: 404, when: 'No such user.' },
      { status: 415, when: 'The Content-Type is not application/json.' },
      { status: 422, when: 'A field sent is invalid.' },
    ],
    example: { method: 'PATCH', path: '/users/42', body: { email: 'new@example.com' } },
    async resolve(context) {
      const found = findUser(context);
      if ('error' in found) return found.error;
      const read = await readJsonBody(context.request);
      if ('error' in read) return read.error;
      const { input, errors } = validateUserInput(read.value, 'patch');
      if (errors.length > 0) return invalid(errors, 'body');
      Object.assign(found.user, input);
      return json(found.user);
    },
  },
  {
    id: 'delete-user',
    group,
    method: 'DELETE',
    host,
    path: '/users/{id}',
    description: 'Deletes a user: 204 with an empty body; the next GET of that user is a 404.',
    params: [idParam],
    responses: [
      { status: 204, when: 'Deleted.' },
      { status: 404, when: 'No such user (deleting twice is a 404 the second time).' },
    ],
    example: { method: 'DELETE', path: '/users/42' },
    resolve(context) {
      const found = findUser(context);
      if ('error' in found) return found.error;
      context.state.users.delete(found.user.id);
      return empty(204);
    },
  },
];
