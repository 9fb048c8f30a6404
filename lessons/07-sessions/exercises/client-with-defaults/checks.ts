import { check, expect } from 'course:checks';

const API = 'https://api.example.com';
const TOKEN = 'demo-abc123';

export default [
  check(
    { name: 'sends Authorization: Bearer <token>, so /me answers 200', points: 1 },
    async ({ learner, network }) => {
      const api = learner.createClient(API, TOKEN);
      const response = (await api('/me')) as Response;
      const [request] = network();
      expect(request?.headers.authorization, 'the Authorization header of GET /me').toBe(
        `Bearer ${TOKEN}`,
      );
      expect(response.status, 'the status of GET /me').toBe(200);
    },
  ),
  check(
    { name: 'sends the defaults and the token on every request', points: 1 },
    async ({ learner, network }) => {
      const api = learner.createClient(API, TOKEN, {
        Accept: 'application/json',
        'X-Client': 'MyApp/1.0',
      });
      await api('/users/1');
      await api('/products');
      const requests = network();
      expect(requests.length, 'requests made').toBe(2);
      for (const request of requests) {
        const where = `GET ${new URL(request.url).pathname}`;
        expect(request.headers.accept, `the Accept header of ${where}`).toBe('application/json');
        expect(request.headers['x-client'], `the X-Client header of ${where}`).toBe('MyApp/1.0');
        expect(request.headers.authorization, `the Authorization header of ${where}`).toBe(
          `Bearer ${TOKEN}`,
        );
      }
    },
  ),
  check(
    { name: "a request's own header wins over a default; the other defaults stay", points: 1 },
    async ({ learner, network }) => {
      const api = learner.createClient(API, TOKEN, {
        Accept: 'application/json',
        'X-Client': 'MyApp/1.0',
      });
      await api('/headers', { headers: { Accept: 'text/csv' } });
      const [request] = network();
      expect(request?.headers.accept, 'the Accept header').toBe('text/csv');
      expect(request?.headers['x-client'], 'the X-Client header').toBe('MyApp/1.0');
      expect(request?.headers.authorization, 'the Authorization header').toBe(`Bearer ${TOKEN}`);
    },
  ),
  check(
    { name: 'takes per-request headers as a Headers object or a list of pairs', points: 1 },
    async ({ learner, network }) => {
      const api = learner.createClient(API, TOKEN, { 'X-Client': 'MyApp/1.0' });
      await api('/anything', { headers: new Headers({ 'X-Trace': 'from-headers' }) });
      await api('/anything', { headers: [['X-Trace', 'from-pairs']] });
      const requests = network();
      expect(
        requests.map((request) => request.headers['x-trace']),
        'the X-Trace header of each request',
      ).toEqual(['from-headers', 'from-pairs']);
      expect(
        requests.map((request) => request.headers['x-client']),
        'the X-Client header of each request',
      ).toEqual(['MyApp/1.0', 'MyApp/1.0']);
    },
  ),
  check({ name: 'passes the method and the body on', points: 1 }, async ({ learner, network }) => {
    const api = learner.createClient(API, TOKEN);
    const user = { name: 'Ada Example', email: 'ada@example.com' };
    const response = (await api('/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(user),
    })) as Response;
    const [request] = network();
    expect(request?.method, 'the method sent').toBe('POST');
    expect(request?.body, 'the body sent').toBe(JSON.stringify(user));
    expect(request?.headers.authorization, 'the Authorization header').toBe(`Bearer ${TOKEN}`);
    expect(response.status, 'the status of POST /users').toBe(201);
  }),
  check(
    { name: 'resolves the path against the base URL', points: 1 },
    async ({ learner, network }) => {
      const api = learner.createClient(`${API}/`, TOKEN);
      await api('/users/2');
      await api('users/3');
      expect(
        network().map((request) => request.url),
        'the URLs requested',
      ).toEqual([`${API}/users/2`, `${API}/users/3`]);
    },
  ),
];
