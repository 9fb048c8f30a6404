import { check, expect } from 'course:checks';

const URL_1 = 'https://api.example.com/users/1';

type Fake = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & {
  calls?: { url?: unknown; method?: unknown; at?: unknown }[];
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A retrying client of the checks' own, as in the lesson: Retry-After when it is whole seconds,
 * else 500 ms doubled after every failure; at most 5 attempts. Returns the JSON and what it saw.
 */
async function retryingGetJson(fetchFn: Fake, url: string) {
  const seen: string[] = [];
  for (let attempt = 1; attempt <= 5; attempt++) {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(5_000) });
    const retryAfter = response.headers.get('Retry-After');
    seen.push(retryAfter === null ? `${response.status}` : `${response.status} ${retryAfter}`);
    if (response.ok) return { body: (await response.json()) as unknown, seen };
    if (![429, 502, 503, 504].includes(response.status)) break;
    const seconds = /^\d+$/.test(retryAfter?.trim() ?? '') ? Number(retryAfter) : null;
    await sleep(seconds === null ? 500 * 2 ** (attempt - 1) : seconds * 1000);
  }
  return { body: undefined, seen };
}

export default [
  check(
    { name: 'answers each request with the next step: status, headers and body', points: 1 },
    async ({ learner }) => {
      const fake = learner.scriptedFetch([
        { status: 429, headers: { 'Retry-After': '1' } },
        { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"id":1}' },
      ]) as Fake;
      const first = await fake(URL_1);
      expect(first.status, 'the status of the 1st answer').toBe(429);
      expect(first.headers.get('Retry-After'), 'its Retry-After header').toBe('1');
      const second = await fake(URL_1);
      expect(second.status, 'the status of the 2nd answer').toBe(200);
      expect(second.headers.get('Content-Type'), 'its Content-Type').toBe('application/json');
      expect(await second.text(), 'its body').toBe('{"id":1}');
    },
  ),
  check(
    { name: "records each request's URL, method and time in calls", points: 1 },
    async ({ learner }) => {
      const fake = learner.scriptedFetch([
        { status: 200 },
        { status: 201 },
        { status: 204 },
      ]) as Fake;
      await fake('https://api.example.com/a');
      await sleep(1_500);
      await fake(new URL('https://api.example.com/b'), { method: 'POST', body: '{}' });
      await fake(new Request('https://api.example.com/c', { method: 'DELETE' }));
      const calls = fake.calls ?? [];
      expect(
        calls.map((call) => `${String(call.method)} ${String(call.url)}`).join(', '),
        'the calls, as "METHOD url"',
      ).toBe(
        'GET https://api.example.com/a, POST https://api.example.com/b, DELETE https://api.example.com/c',
      );
      const between = Number(calls[1]?.at) - Number(calls[0]?.at);
      expect(between, 'calls[1].at - calls[0].at (1500 virtual ms apart)').toBeGreaterThanOrEqual(
        1_500,
      );
      expect(between, 'calls[1].at - calls[0].at (1500 virtual ms apart)').toBeLessThanOrEqual(
        1_550,
      );
    },
  ),
  check(
    { name: 'a reset step rejects with a TypeError, as fetch does', points: 1 },
    async ({ learner }) => {
      const fake = learner.scriptedFetch([{ reset: true }, { status: 200 }]) as Fake;
      const error = await expect.rejection(() => fake(URL_1), 'the request that meets the reset');
      expect(error instanceof TypeError, 'error instanceof TypeError').toBe(true);
      const next = await fake(URL_1);
      expect(next.status, 'the status of the next request').toBe(200);
    },
  ),
  check(
    {
      name: 'a hang step ends only when the signal aborts, with signal.reason, at that moment',
      points: 2,
    },
    async ({ learner, clock }) => {
      const fake = learner.scriptedFetch([{ hang: true }, { hang: true }, { hang: true }]) as Fake;
      const timeout = await expect.rejection(
        () => fake(URL_1, { signal: AbortSignal.timeout(1_000) }),
        'a hang with AbortSignal.timeout(1000)',
      );
      expect(timeout.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it rejected').toBeGreaterThanOrEqual(1_000);
      expect(clock.now(), 'virtual ms until it rejected').toBeLessThanOrEqual(1_050);

      const reason = new Error('the user left the page');
      const controller = new AbortController();
      setTimeout(() => controller.abort(reason), 300);
      const cancelled = await expect.rejection(
        () => fake(URL_1, { signal: controller.signal }),
        'a hang cancelled at 300 ms with a reason',
      );
      expect(cancelled === reason, 'the error is signal.reason itself').toBe(true);

      // With no signal, nothing ends it: still pending a minute later.
      const outcome = await Promise.race([
        fake(URL_1).then(
          () => 'resolved',
          () => 'rejected',
        ),
        sleep(60_000).then(() => 'still pending'),
      ]);
      expect(outcome, 'a hang with no signal, after 60 s').toBe('still pending');
    },
  ),
  check(
    { name: 'an already-aborted signal rejects at once, uses no step, is not recorded', points: 1 },
    async ({ learner }) => {
      const fake = learner.scriptedFetch([{ status: 200 }]) as Fake;
      const controller = new AbortController();
      controller.abort();
      const error = await expect.rejection(
        () => fake(URL_1, { signal: controller.signal }),
        'a request with an aborted signal',
      );
      expect(error.name, 'error.name').toBe('AbortError');
      expect(fake.calls?.length, 'calls.length after it').toBe(0);
      const next = await fake(URL_1);
      expect(next.status, 'the status of the next request (step 1)').toBe(200);
    },
  ),
  check(
    {
      name: 'a request past the end of the script rejects with an Error (not a TypeError) naming its URL',
      points: 1,
    },
    async ({ learner }) => {
      const fake = learner.scriptedFetch([{ status: 200 }]) as Fake;
      await fake(URL_1);
      const url = 'https://api.example.com/not-in-the-script';
      const error = await expect.rejection(() => fake(url), 'request 2 of a 1-step script');
      expect(error instanceof TypeError, 'error instanceof TypeError').toBe(false);
      expect(error.message, 'error.message').toContain(url);
    },
  ),
  check(
    {
      name: 'burst: three 429s with Retry-After: 1, a 503 with Retry-After: soon, then 200',
      points: 1,
    },
    ({ learner }) => {
      const steps = (learner.burst ?? []) as {
        status?: unknown;
        headers?: Record<string, string>;
        body?: unknown;
      }[];
      const described = steps
        .map((step) => `${String(step.status)} ${step.headers?.['Retry-After'] ?? '-'}`)
        .join(', ');
      expect(described, 'the statuses and Retry-After of burst').toBe(
        '429 1, 429 1, 429 1, 503 soon, 200 -',
      );
      let body: unknown;
      try {
        body = JSON.parse(String(steps[4]?.body));
      } catch {
        body = steps[4]?.body;
      }
      expect(body, 'the body of the 200, parsed').toEqual({ ok: true });
    },
  ),
  check(
    {
      name: 'scriptedFetch(burst) drives a retrying client: 1 s three times, a 4 s backoff, then the answer',
      points: 2,
      expectedWaits: [
        { attempt: 2, minMs: 1_000, maxMs: 1_050, reason: 'Retry-After: 1' },
        { attempt: 3, minMs: 1_000, maxMs: 1_050, reason: 'Retry-After: 1' },
        { attempt: 4, minMs: 1_000, maxMs: 1_050, reason: 'Retry-After: 1' },
        { attempt: 5, minMs: 4_000, maxMs: 4_050, reason: 'Retry-After: soon, so the backoff' },
      ],
    },
    async ({ learner, clock }) => {
      const fake = learner.scriptedFetch(learner.burst) as Fake;
      const { body, seen } = await retryingGetJson(fake, URL_1);
      expect(seen.join(', '), 'the answers the client saw, with their Retry-After').toBe(
        '429 1, 429 1, 429 1, 503 soon, 200',
      );
      expect(body, 'the JSON the client got').toEqual({ ok: true });
      expect(clock.now(), 'virtual ms until it answered (1 + 1 + 1 + 4 s)').toBeGreaterThanOrEqual(
        7_000,
      );
      expect(clock.now(), 'virtual ms until it answered (1 + 1 + 1 + 4 s)').toBeLessThanOrEqual(
        7_050,
      );
      expect(fake.calls?.length, 'calls.length').toBe(5);
    },
  ),
];
