import { check, expect } from 'course:checks';

const TOKEN = 'demo-abc123';

export default [
  check(
    { name: 'sends Authorization: Bearer <token> to /me', points: 1 },
    async ({ learner, network }) => {
      // The header is judged even when the call failed, since a missing header is why /me says 401.
      const outcome = await Promise.allSettled([learner.whoAmI(TOKEN)]);
      expect(network().length, 'requests made').toBe(1);
      const [request] = network();
      expect(request?.url, 'the URL requested').toBe('https://api.example.com/me');
      expect(request?.headers.authorization, 'the Authorization header of GET /me').toBe(
        `Bearer ${TOKEN}`,
      );
      if (outcome[0].status === 'rejected') throw outcome[0].reason;
    },
  ),
  check({ name: 'resolves the signed-in user with its scopes', points: 1 }, async ({ learner }) => {
    const me = await learner.whoAmI(TOKEN);
    expect(me?.name, 'me.name').toBe('Hugo Kowalski');
    expect(me?.scopes, 'me.scopes').toEqual(['users:read', 'users:write']);
  }),
  check(
    { name: 'a malformed token throws UnauthorizedError with the challenge', points: 2 },
    async ({ learner, network }) => {
      const error = await expect.rejection(
        () => learner.whoAmI('not-a-token'),
        'whoAmI("not-a-token")',
      );
      expect(error.name, 'error.name').toBe('UnauthorizedError');
      expect(network()[0]?.status, 'the status of GET /me').toBe(401);
      expect(error.challenge, 'error.challenge (the WWW-Authenticate header)').toContain(
        'error="invalid_token"',
      );
    },
  ),
  check(
    {
      name: 'another error status rejects with the status in the message',
      scenario: 'server-error',
      points: 1,
    },
    async ({ learner }) => {
      const error = await expect.rejection(() => learner.whoAmI(TOKEN), 'whoAmI(token)');
      expect(error.message, 'error.message').toContain('500');
    },
  ),
  check(
    { name: 'gives up after 5 s when the server hangs', scenario: 'hang', points: 1 },
    async ({ learner, clock }) => {
      const error = await expect.rejection(() => learner.whoAmI(TOKEN), 'whoAmI(token)');
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(5_000);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(5_100);
    },
  ),
];
