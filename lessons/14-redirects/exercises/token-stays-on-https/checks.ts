import { check, expect } from 'course:checks';

const API = 'https://api.example.com';
const GITHUB = 'https://api.github.com';
const TOKEN = 'demo-abc123';

interface Client {
  get(pathOrUrl: string): Promise<unknown>;
}

export default [
  check(
    { name: 'sends the token to its own API over https://', points: 1 },
    async ({ learner, network }) => {
      const client = learner.createClient({ baseUrl: API, token: TOKEN }) as Client;
      const me = (await client.get('/me')) as { id?: unknown };
      expect(me.id, 'the id of GET /me').toBe(42);
      expect(network()[0]?.url, 'the URL requested').toBe(`${API}/me`);
      expect(network()[0]?.headers.authorization, 'the Authorization header').toBe(
        `Bearer ${TOKEN}`,
      );
    },
  ),
  check(
    { name: 'refuses an http:// base URL at once, before any request', points: 1 },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.createClient({ baseUrl: 'http://api.example.com', token: TOKEN }),
        "createClient({ baseUrl: 'http://api.example.com' })",
      );
      expect(error.name, 'error.name').toBe('InsecureUrlError');
      expect(network().length, 'requests made').toBe(0);
    },
  ),
  check(
    {
      name: 'upgrades an http:// link on its own host to https:// before sending anything',
      points: 2,
    },
    async ({ learner, network }) => {
      const client = learner.createClient({ baseUrl: API, token: TOKEN }) as Client;
      const user = (await client.get('http://api.example.com/users/1')) as { id?: unknown };
      expect(user.id, 'the id of the user').toBe(1);
      expect(
        network().map((request) => request.url),
        'the URLs requested',
      ).toEqual([`${API}/users/1`]);
    },
  ),
  check(
    { name: 'refuses an http:// link to another host, without a request', points: 1 },
    async ({ learner, network }) => {
      const client = learner.createClient({ baseUrl: API, token: TOKEN }) as Client;
      const error = await expect.rejection(
        () => client.get('http://api.github.com/repos/python/cpython'),
        "get('http://api.github.com/repos/python/cpython')",
      );
      expect(error.name, 'error.name').toBe('InsecureUrlError');
      expect(network().length, 'requests made').toBe(0);
    },
  ),
  check({ name: 'sends no token to another origin', points: 2 }, async ({ learner, network }) => {
    const client = learner.createClient({ baseUrl: API, token: TOKEN }) as Client;
    const repo = (await client.get(`${GITHUB}/repos/python/cpython`)) as {
      full_name?: unknown;
    };
    expect(repo.full_name, 'full_name').toBe('python/cpython');
    expect(network()[0]?.headers.authorization, 'Authorization sent to api.github.com').toBe(
      undefined,
    );
  }),
  check(
    { name: 'a redirect to another origin arrives without the token', points: 1 },
    async ({ learner, network }) => {
      const client = learner.createClient({ baseUrl: API, token: TOKEN }) as Client;
      const repo = (await client.get(
        `/redirect-to?url=${GITHUB}/repos/python/cpython&status_code=307`,
      )) as { full_name?: unknown };
      expect(repo.full_name, 'full_name').toBe('python/cpython');
      const rows = network();
      expect(rows[0]?.headers.authorization, 'Authorization sent to api.example.com').toBe(
        `Bearer ${TOKEN}`,
      );
      expect(rows[1]?.url, 'the second request').toBe(`${GITHUB}/repos/python/cpython`);
      expect(rows[1]?.headers.authorization, 'Authorization sent to api.github.com').toBe(
        undefined,
      );
    },
  ),
  check({ name: 'a 404 rejects with HttpError', points: 1 }, async ({ learner }) => {
    const client = learner.createClient({ baseUrl: API, token: TOKEN }) as Client;
    const error = await expect.rejection(() => client.get('/users/99999'), "get('/users/99999')");
    expect(error.name, 'error.name').toBe('HttpError');
    expect(error.status, 'error.status').toBe(404);
  }),
  check(
    { name: 'gives up after 5 s when the server hangs', scenario: 'hang', points: 1 },
    async ({ learner, clock }) => {
      const client = learner.createClient({ baseUrl: API, token: TOKEN }) as Client;
      const error = await expect.rejection(() => client.get('/me'), "get('/me')");
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(5_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(5_100);
    },
  ),
];
