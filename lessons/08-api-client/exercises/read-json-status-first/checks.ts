import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

const get = (path: string) => fetch(`${API}${path}`, { signal: AbortSignal.timeout(5_000) });

export default [
  check({ name: 'resolves the parsed JSON of a 200', points: 1 }, async ({ learner }) => {
    const user = await learner.readJson(await get('/users/1'));
    expect(user?.id, 'readJson(GET /users/1) → user.id').toBe(1);
    expect(user?.name, 'user.name').toBe('Farah Larsen');
  }),
  check(
    { name: 'throws HttpError with the parsed problem details on a 404', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        async () => learner.readJson(await get('/users/99999')),
        'readJson(GET /users/99999)',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect(error.status, 'error.status').toBe(404);
      expect(error.url, 'error.url').toBe(`${API}/users/99999`);
      const body = error.body as { detail?: unknown } | undefined;
      expect(body?.detail, 'error.body.detail (the parsed problem details)').toContain('99999');
    },
  ),
  check(
    { name: 'checks the status first: an HTML 502 page is an HttpError, kept as text', points: 2 },
    async ({ learner }) => {
      const error = await expect.rejection(
        async () => learner.readJson(await get('/html-error/502')),
        'readJson(GET /html-error/502)',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect(error.status, 'error.status').toBe(502);
      expect(typeof error.body, 'typeof error.body').toBe('string');
      expect(error.body, 'error.body').toContain('<title>502 Bad Gateway</title>');
    },
  ),
  check({ name: 'resolves undefined for an empty 204', points: 1 }, async ({ learner }) => {
    const value = await learner.readJson(await get('/status/204'));
    expect(value, 'readJson(GET /status/204)').toBe(undefined);
  }),
  check(
    { name: 'rejects a 200 whose body is not JSON with a SyntaxError', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        async () => learner.readJson(await get('/broken-json')),
        'readJson(GET /broken-json)',
      );
      // JSON.parse's own error, not one the learner makes up: compare the class, not the name.
      expect(error instanceof SyntaxError, 'error instanceof SyntaxError (from JSON.parse)').toBe(
        true,
      );
    },
  ),
];
