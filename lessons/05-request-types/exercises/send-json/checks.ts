import { check, expect } from 'course:checks';

const USER_7 = 'https://api.example.com/users/7';

export default [
  check(
    { name: 'PATCH sends only the change as JSON and resolves the updated user', points: 1 },
    async ({ learner, network }) => {
      const user = await learner.send('PATCH', USER_7, { status: 'inactive' });
      expect(user?.status, 'user.status').toBe('inactive');
      expect(user?.id, 'user.id').toBe(7);
      const [request] = network();
      expect(request?.method, 'request method').toBe('PATCH');
      expect(request?.headers['content-type'] ?? null, 'Content-Type header').toMatch(
        /^application\/json/,
      );
      expect(JSON.parse(request?.body ?? 'null'), 'request body, parsed').toEqual({
        status: 'inactive',
      });
    },
  ),
  check({ name: 'PUT replaces the whole user', points: 1 }, async ({ learner }) => {
    const user = await learner.send('PUT', USER_7, {
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    expect(user?.name, 'user.name').toBe('Grace Hopper');
    expect(user?.status, 'user.status (reset by the replacement)').toBe('active');
  }),
  check(
    { name: 'DELETE resolves undefined for a 204, and the user is gone', points: 2 },
    async ({ learner, network }) => {
      const result = await learner.send('DELETE', USER_7);
      expect(result, 'what send(DELETE) resolved').toBe(undefined);
      const [request] = network();
      expect(request?.status, 'status of the DELETE').toBe(204);
      expect(request?.body ?? null, 'body of the DELETE request').toBe(null);
      expect(
        request?.headers['content-type'] ?? null,
        'Content-Type of a DELETE without a body',
      ).toBe(null);
      const after = await fetch(USER_7);
      expect(after.status, 'status of GET /users/7 afterwards').toBe(404);
    },
  ),
  check(
    { name: 'rejects with the status when the user does not exist (404)', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        () => learner.send('DELETE', 'https://api.example.com/users/99999'),
        'send(DELETE, /users/99999)',
      );
      expect(error.message, 'error.message').toContain('404');
    },
  ),
  check(
    { name: 'rejects with the status when the body is invalid (422)', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        () => learner.send('PATCH', USER_7, { email: 'not-an-email' }),
        'send(PATCH, /users/7, { email: "not-an-email" })',
      );
      expect(error.message, 'error.message').toContain('422');
    },
  ),
];
