import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

export default [
  check({ name: 'resolves the parsed JSON of a 200', points: 1 }, async ({ learner }) => {
    const user = await learner.getJson(`${API}/users/1`, 5_000);
    expect(user?.id, 'user.id').toBe(1);
  }),
  check(
    { name: 'resolves a slow answer that arrives within the limit', points: 1 },
    async ({ learner, clock }) => {
      const body = await learner.getJson(`${API}/delay/1`, 3_000);
      expect(body?.delayed_seconds, 'body.delayed_seconds').toBe(1);
      expect(clock.now(), 'virtual ms until it resolved').toBeGreaterThanOrEqual(1_000);
    },
  ),
  check(
    { name: 'rejects with TimeoutError after timeoutMs when the server hangs', points: 2 },
    async ({ learner, clock }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/hang`, 2_000),
        'getJson(/hang, 2000)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(2_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(2_100);
    },
  ),
  check(
    {
      name: 'rejects with TimeoutError when the body is still arriving at timeoutMs',
      points: 2,
    },
    async ({ learner, clock }) => {
      // 200 and the headers at once, the JSON body dripping in over 5 s: the deadline must cover it.
      const error = await expect.rejection(
        () => learner.getJson(`${API}/slow-body/5`, 1_000),
        'getJson(/slow-body/5, 1000)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(1_100);
    },
  ),
  check(
    { name: 'resolves a slow body that ends within the limit', points: 1 },
    async ({ learner }) => {
      const body = await learner.getJson(`${API}/slow-body/1`, 3_000);
      expect(body?.slow_body_seconds, 'body.slow_body_seconds').toBe(1);
    },
  ),
  check({ name: 'aborts the request it gave up on', points: 1 }, async ({ learner, network }) => {
    await expect.rejection(() => learner.getJson(`${API}/delay/5`, 1_000), 'getJson(/delay/5)');
    const [request] = network();
    expect(request?.outcome, 'outcome of the request').toMatch(/^(timed-out|aborted)$/);
  }),
  check(
    { name: 'rejects a 404 with the status in the message', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/users/99999`, 5_000),
        'getJson(/users/99999)',
      );
      expect(error.message, 'error.message').toContain('404');
    },
  ),
  check(
    { name: 'rejects a 500 with the status in the message', points: 1 },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.getJson(`${API}/status/500`, 5_000),
        'getJson(/status/500)',
      );
      expect(network().length, 'requests made').toBe(1);
      expect(error.message, 'error.message').toContain('500');
      expect(error.name, 'error.name').toBe('Error');
    },
  ),
];
