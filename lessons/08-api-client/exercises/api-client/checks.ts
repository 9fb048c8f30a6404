import { check, expect } from 'course:checks';

const API = 'https://api.example.com';
const KEY = 'demo-abc123';

type Settled = { ok: true; value: any } | { ok: false; error: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any -- learner values are untyped

/** Runs one call to the end, failed or not, so that a check can judge its request first. */
async function settle(call: () => Promise<unknown>): Promise<Settled> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The value of a settled call; a call that failed fails the check with the learner's own error. */
function value(outcome: Settled) {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

export default [
  check(
    { name: 'joins the base and the path with exactly one slash', points: 1 },
    async ({ learner, network }) => {
      const client = new learner.ApiClient(`${API}/`, KEY);
      const nested = new learner.ApiClient(`${API}/anything/v2//`, KEY);
      const user = await settle(() => client.get('/users/1'));
      await settle(() => nested.get('//items'));
      expect(
        network().map((request) => request.url),
        'the URLs requested',
      ).toEqual([`${API}/users/1`, `${API}/anything/v2/items`]);
      expect(value(user)?.id, 'get("/users/1") → user.id').toBe(1);
    },
  ),
  check({ name: 'turns params into the query string', points: 1 }, async ({ learner, network }) => {
    const client = new learner.ApiClient(API, KEY);
    const echo = await client.get('/anything', { q: 'Ada & Grace', page: 2, active: true });
    expect(echo?.query, 'the query /anything received').toEqual({
      q: 'Ada & Grace',
      page: '2',
      active: 'true',
    });
    await client.get('/users/2');
    expect(network()[1]?.url, 'the URL of get("/users/2") with no params').toBe(`${API}/users/2`);
  }),
  check(
    { name: 'every request sends Authorization: Bearer and Accept: application/json', points: 2 },
    async ({ learner, network }) => {
      const client = new learner.ApiClient(API, KEY);
      // Only the headers are judged here: what the calls return has checks of its own.
      await settle(() => client.get('/anything'));
      await settle(() => client.post('/anything', { a: 1 }));
      await settle(() => client.patch('/users/2', { status: 'inactive' }));
      await settle(() => client.delete('/users/3'));
      const requests = network();
      expect(
        requests.map((request) => request.method),
        'the methods sent',
      ).toEqual(['GET', 'POST', 'PATCH', 'DELETE']);
      for (const request of requests) {
        const where = `${request.method} ${new URL(request.url).pathname}`;
        expect(request.headers.authorization, `the Authorization header of ${where}`).toBe(
          `Bearer ${KEY}`,
        );
        expect(request.headers.accept, `the Accept header of ${where}`).toBe('application/json');
      }
    },
  ),
  check(
    { name: 'post and patch send JSON bodies with Content-Type: application/json', points: 2 },
    async ({ learner, network }) => {
      const client = new learner.ApiClient(API, KEY);
      const data = { name: 'Ada Example', email: 'ada@example.com' };
      const created = await client.post('/users', data);
      expect(created?.id, 'post("/users") → the new user.id').toBe(65);
      const updated = await client.patch('/users/65', { email: 'ada@example.org' });
      expect(updated?.email, 'patch("/users/65") → user.email').toBe('ada@example.org');
      const [post, patch] = network();
      expect(post?.body, 'the body of POST /users').toBe(JSON.stringify(data));
      expect(post?.headers['content-type'], 'the Content-Type of POST /users').toMatch(
        /^application\/json\b/,
      );
      expect(patch?.body, 'the body of PATCH /users/65').toBe(
        JSON.stringify({ email: 'ada@example.org' }),
      );
      expect(patch?.headers['content-type'], 'the Content-Type of PATCH /users/65').toMatch(
        /^application\/json\b/,
      );
    },
  ),
  check(
    {
      name: 'gives up after timeoutMs with TimeoutError when the server hangs',
      scenario: 'hang',
      points: 2,
    },
    async ({ learner, clock, network }) => {
      const client = new learner.ApiClient(API, KEY, 2_000);
      const error = await expect.rejection(() => client.get('/users/1'), 'get("/users/1")');
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(2_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(2_100);
      expect(network()[0]?.outcome, 'outcome of the request').toBe('timed-out');
    },
  ),
  check(
    { name: 'waits 30 s by default, for post as well', scenario: 'hang', points: 1 },
    async ({ learner, clock }) => {
      const client = new learner.ApiClient(API, KEY);
      const error = await expect.rejection(
        () => client.post('/users', { name: 'Ada', email: 'ada@example.com' }),
        'post("/users")',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(30_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(30_100);
    },
  ),
  check(
    { name: 'throws HttpError with the status and the parsed body', points: 2 },
    async ({ learner }) => {
      const client = new learner.ApiClient(API, KEY);
      const missing = await expect.rejection(
        () => client.get('/users/99999'),
        'get("/users/99999")',
      );
      expect(missing.name, 'error.name').toBe('HttpError');
      expect(missing instanceof learner.HttpError, 'error instanceof HttpError').toBe(true);
      expect(missing.status, 'error.status').toBe(404);
      const body = missing.body as { status?: unknown; detail?: unknown } | undefined;
      expect(body?.status, 'error.body.status (the parsed problem details)').toBe(404);
      expect(body?.detail, 'error.body.detail').toContain('99999');
      const invalid = await expect.rejection(
        () => client.post('/users', { name: '' }),
        'post("/users", { name: "" })',
      );
      expect(invalid.status, 'error.status').toBe(422);
      const errors = (invalid.body as { errors?: unknown } | undefined)?.errors;
      expect(Array.isArray(errors), 'error.body.errors is a list').toBe(true);
    },
  ),
  check(
    { name: 'an empty body (204) resolves to undefined', points: 1 },
    async ({ learner, network }) => {
      const client = new learner.ApiClient(API, KEY);
      const deleted = await client.delete('/users/1');
      expect(deleted, 'delete("/users/1")').toBe(undefined);
      const empty = await client.get('/status/204');
      expect(empty, 'get("/status/204")').toBe(undefined);
      expect(
        network().map((request) => request.status),
        'the statuses answered',
      ).toEqual([204, 204]);
    },
  ),
];
