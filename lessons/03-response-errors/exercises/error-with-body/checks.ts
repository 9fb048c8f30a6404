import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

export default [
  check({ name: 'resolves the parsed JSON of a 200', points: 1 }, async ({ learner }) => {
    const user = await learner.getJson(`${API}/users/7`);
    expect(user?.id, 'user.id').toBe(7);
  }),
  check(
    { name: 'throws HttpError with status and the parsed problem body on a 404', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/users/99999`),
        'getJson(/users/99999)',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect(error.status, 'error.status').toBe(404);
      const body = error.body as { status?: unknown; detail?: unknown } | undefined;
      expect(typeof body, 'typeof error.body (parsed JSON)').toBe('object');
      expect(body?.status, 'error.body.status').toBe(404);
    },
  ),
  check(
    { name: "puts the status and the problem's detail in the message", points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/users/99999`),
        'getJson(/users/99999)',
      );
      expect(error.message, 'error.message').toContain('HTTP 404 Not Found');
      expect(error.message, 'error.message').toContain('There is no user with id 99999');
    },
  ),
  check(
    {
      name: 'keeps an HTML error page (502) as text instead of throwing a SyntaxError',
      points: 2,
    },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/html-error/502`),
        'getJson(/html-error/502)',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect(error.status, 'error.status').toBe(502);
      expect(error.body, 'error.body (the page as text)').toContain(
        '<title>502 Bad Gateway</title>',
      );
      expect(error.message, 'error.message').toBe('HTTP 502 Bad Gateway');
      expect(network().length, 'requests made').toBe(1);
    },
  ),
];
