import { check, expect } from 'course:checks';

const TOKEN = 'demo-abc123';
const EMAIL = 'hugo.kowalski@example.com';

export default [
  check({ name: 'resolves the signed-in user', points: 1 }, async ({ learner, network }) => {
    // The header is judged even when the call failed, since a missing header is why /me says 401.
    const [outcome] = await Promise.allSettled([learner.loadProfile(TOKEN, () => {})]);
    expect(network().length, 'requests made').toBe(1);
    expect(network()[0]?.headers.authorization, 'the Authorization header of GET /me').toBe(
      `Bearer ${TOKEN}`,
    );
    if (outcome?.status === 'rejected') throw outcome.reason;
    expect(outcome?.value?.name, 'profile.name').toBe('Hugo Kowalski');
  }),
  check(
    { name: 'logs one line with the method, the path and the status', points: 1 },
    async ({ learner }) => {
      const lines: unknown[] = [];
      await learner.loadProfile(TOKEN, (line: unknown) => lines.push(line));
      expect(lines.length, 'lines logged').toBe(1);
      expect(lines[0], 'the line logged').toMatch(/GET\b.*\/me\b.*\b200\b/);
    },
  ),
  check({ name: 'never logs the token', points: 1 }, async ({ learner }) => {
    const lines: string[] = [];
    await learner.loadProfile(TOKEN, (line: unknown) => lines.push(String(line)));
    expect(
      lines.filter((line) => line.includes(TOKEN)),
      'lines logged that contain the token',
    ).toEqual([]);
  }),
  check({ name: 'never logs the body (personal data)', points: 1 }, async ({ learner }) => {
    const lines: string[] = [];
    await learner.loadProfile(TOKEN, (line: unknown) => lines.push(String(line)));
    expect(
      lines.filter((line) => line.includes(EMAIL) || line.includes('Hugo')),
      "lines logged that contain the user's name or email",
    ).toEqual([]);
  }),
  check(
    { name: 'a wrong token throws HttpError with status 401', points: 1 },
    async ({ learner }) => {
      const error = await expect.rejection(
        () => learner.loadProfile('not-a-token', () => {}),
        'loadProfile("not-a-token")',
      );
      expect(error.name, 'error.name').toBe('HttpError');
      expect(error.status, 'error.status').toBe(401);
    },
  ),
  check(
    { name: 'gives up after 5 s when the server hangs', scenario: 'hang', points: 1 },
    async ({ learner, clock }) => {
      const error = await expect.rejection(
        () => learner.loadProfile(TOKEN, () => {}),
        'loadProfile(token)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(5_100);
    },
  ),
];
