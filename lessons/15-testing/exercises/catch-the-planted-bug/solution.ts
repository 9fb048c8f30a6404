/** What a client under test gets from your test: a fetch and a sleep, both yours to fake. */
export interface Deps {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  sleep: (ms: number) => Promise<void>;
}

/** The client under test: GET url's JSON, following the rules of the task (or not). */
export type GetJson = (url: string, deps: Deps) => Promise<unknown>;

/** One scripted answer: a status (with a Retry-After, a JSON body), or a dropped connection. */
type Answer = { status: number; retryAfter?: string; json?: unknown } | 'reset';

/** What one call of the client did. */
interface Outcome {
  value?: unknown;
  error?: { name?: unknown; status?: unknown };
  requests: number;
  waits: number[];
}

const URL_1 = 'https://api.example.com/users/1';

/** Runs getJson once against a fake server that answers from `script`, and a recording sleep. */
async function run(getJson: GetJson, script: Answer[]): Promise<Outcome> {
  let requests = 0;
  const waits: number[] = [];
  const fetch = async (url: string): Promise<Response> => {
    requests += 1;
    const answer = script[requests - 1];
    // A plain Error, not a TypeError: no client retries it, so even an endless loop stops here.
    if (answer === undefined) throw new Error(`request ${requests} to ${url} was not scripted`);
    if (answer === 'reset') throw new TypeError('fetch failed: the connection was reset');
    const headers = new Headers();
    if (answer.retryAfter !== undefined) headers.set('Retry-After', answer.retryAfter);
    const body = answer.json === undefined ? null : JSON.stringify(answer.json);
    return new Response(body, { status: answer.status, headers });
  };
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  try {
    return { value: await getJson(URL_1, { fetch, sleep }), requests, waits };
  } catch (error) {
    return { error: (error ?? {}) as Outcome['error'], requests, waits };
  }
}

const show = (value: unknown) => (Array.isArray(value) ? `[${value.join(', ')}]` : String(value));
const errorOf = (outcome: Outcome) =>
  outcome.error ? `${String(outcome.error.name)} ${String(outcome.error.status)}` : 'no error';

export async function testRetryClient(getJson: GetJson): Promise<string[]> {
  const failures: string[] = [];
  const expectSame = (actual: unknown, expected: unknown, what: string) => {
    if (show(actual) !== show(expected)) {
      failures.push(`${what}: ${show(actual)}, expected ${show(expected)}`);
    }
  };

  const ok = await run(getJson, [{ status: 200, json: { id: 1 } }]);
  expectSame(JSON.stringify(ok.value), '{"id":1}', 'a 200: the value');
  expectSame(ok.requests, 1, 'a 200: requests');

  const asked = await run(getJson, [
    { status: 429, retryAfter: '2' },
    { status: 503, retryAfter: '1' },
    { status: 200, json: {} },
  ]);
  expectSame(asked.waits, [2000, 1000], 'Retry-After: 2, then 1: the waits');

  const malformed = await run(getJson, [
    { status: 503, retryAfter: 'soon' },
    { status: 503, retryAfter: '1.5' },
    { status: 503 },
    { status: 200, json: {} },
  ]);
  expectSame(malformed.waits, [500, 1000, 2000], 'Retry-After: soon, 1.5, none: the waits');

  const down = await run(getJson, [
    { status: 503 },
    { status: 503 },
    { status: 503 },
    { status: 503 },
  ]);
  expectSame(errorOf(down), 'HttpError 503', 'four 503s: the error');
  expectSame(down.requests, 4, 'four 503s: requests');

  for (const status of [400, 404]) {
    const refused = await run(getJson, [{ status }]);
    expectSame(errorOf(refused), `HttpError ${status}`, `a ${status}: the error`);
    expectSame(refused.requests, 1, `a ${status}: requests`);
  }

  const reset = await run(getJson, ['reset', { status: 200, json: { id: 1 } }]);
  expectSame(JSON.stringify(reset.value), '{"id":1}', 'a reset, then a 200: the value');
  expectSame(reset.requests, 2, 'a reset, then a 200: requests');

  const resets = await run(getJson, ['reset', 'reset', 'reset', 'reset']);
  expectSame(resets.error?.name, 'TypeError', 'four resets: the error');
  expectSame(resets.requests, 4, 'four resets: requests');

  return failures;
}
