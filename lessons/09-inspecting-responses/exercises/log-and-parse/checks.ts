import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

/** The response for `path`, and its raw body text read from a clone (the check's own copy). */
async function fetchWithText(path: string): Promise<{ response: Response; raw: string }> {
  const response = await fetch(`${API}${path}`, { signal: AbortSignal.timeout(5_000) });
  return { response, raw: await response.clone().text() };
}

export default [
  check({ name: 'resolves the parsed JSON', points: 1 }, async ({ learner }) => {
    const { response } = await fetchWithText('/users/1');
    const user = await learner.logAndParse(response, () => {});
    expect(user?.id, 'logAndParse(GET /users/1) → user.id').toBe(1);
  }),
  check(
    { name: 'logs the raw text once, exactly as it arrived', points: 1 },
    async ({ learner }) => {
      const { response, raw } = await fetchWithText('/users/1');
      const logged: unknown[] = [];
      await learner.logAndParse(response, (text: unknown) => logged.push(text));
      expect(logged, 'the calls to log').toEqual([raw]);
    },
  ),
  check(
    { name: 'truncated JSON: BadJsonError with the status and the raw text', points: 2 },
    async ({ learner }) => {
      const { response, raw } = await fetchWithText('/broken-json');
      const logged: unknown[] = [];
      const error = await expect.rejection(
        () => learner.logAndParse(response, (text: unknown) => logged.push(text)),
        'logAndParse(GET /broken-json)',
      );
      expect(error.name, 'error.name').toBe('BadJsonError');
      expect(error.status, 'error.status').toBe(200);
      expect(error.text, 'error.text').toBe(raw);
      expect(logged, 'the calls to log').toEqual([raw]);
    },
  ),
  check(
    { name: 'an HTML 502 page: BadJsonError with status 502 and the page', points: 1 },
    async ({ learner }) => {
      const { response } = await fetchWithText('/html-error/502');
      const error = await expect.rejection(
        () => learner.logAndParse(response, () => {}),
        'logAndParse(GET /html-error/502)',
      );
      expect(error.name, 'error.name').toBe('BadJsonError');
      expect(error.status, 'error.status').toBe(502);
      expect(error.text, 'error.text').toContain('<title>502 Bad Gateway</title>');
    },
  ),
];
