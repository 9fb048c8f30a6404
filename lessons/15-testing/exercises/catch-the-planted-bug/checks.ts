import { check, CheckFailure, expect } from 'course:checks';

interface Deps {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  sleep: (ms: number) => Promise<void>;
}
type GetJson = (url: string, deps: Deps) => Promise<unknown>;

class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}`);
  }
}

const RETRYABLE = new Set([429, 502, 503, 504]);

/** What a client can get wrong; `correct` gets nothing wrong. */
interface Flaws {
  retryEveryStatus?: boolean; // retries a 400 as well as a 503
  ignoreRetryAfter?: boolean; // always the backoff
  noLimit?: boolean; // retries forever
  numberRetryAfter?: boolean; // Number('soon') * 1000: NaN
  giveUpOnReset?: boolean; // a network failure is not retried
}

/** The client of the task, with the flaws asked for. */
function client(flaws: Flaws = {}): GetJson {
  return async (url, { fetch, sleep }) => {
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      let waitMs = 500 * 2 ** (attempt - 1);
      try {
        const response = await fetch(url);
        if (response.ok) return (await response.json()) as unknown;
        await response.body?.cancel();
        failure = new HttpError(response.status, url);
        const retryable = flaws.retryEveryStatus || RETRYABLE.has(response.status);
        if (!retryable) throw failure;
        const header = response.headers.get('Retry-After');
        if (flaws.numberRetryAfter) {
          if (header !== null) waitMs = Number(header) * 1000;
        } else if (!flaws.ignoreRetryAfter && header !== null && /^\d+$/.test(header.trim())) {
          waitMs = Number(header) * 1000;
        }
      } catch (error) {
        if (!(error instanceof TypeError) || flaws.giveUpOnReset) throw error;
        failure = error;
      }
      if (!flaws.noLimit && attempt >= 4) throw failure;
      await sleep(waitMs);
    }
  };
}

/** A second correct client, in another style: a test must not depend on how a client is written. */
const anotherCorrectClient: GetJson = async (url, { fetch, sleep }) => {
  const backoff = [500, 1000, 2000];
  let last: unknown;
  let attempt = 0;
  while (attempt < 4) {
    if (attempt > 0) {
      const header = last instanceof Response ? last.headers.get('retry-after') : null;
      const seconds = header !== null && /^\s*\d+\s*$/.test(header) ? parseInt(header, 10) : NaN;
      await sleep(Number.isNaN(seconds) ? backoff[attempt - 1]! : seconds * 1000);
    }
    attempt += 1;
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      if (response.status >= 200 && response.status < 300) return JSON.parse(await response.text());
      if (![429, 502, 503, 504].includes(response.status)) {
        throw Object.assign(new HttpError(response.status, url), { retryable: false });
      }
      last = response;
    } catch (error) {
      if (error instanceof HttpError || !(error instanceof TypeError)) throw error;
      last = error;
    }
  }
  if (last instanceof Response) throw new HttpError(last.status, url);
  throw last;
};

/** What the learner's test reports for a client; fails the check when it is not a list of text. */
async function report(
  learner: Record<string, (getJson: GetJson) => unknown>,
  getJson: GetJson,
  which: string,
): Promise<string[]> {
  const result = await learner.testRetryClient!(getJson);
  if (!Array.isArray(result) || result.some((line) => typeof line !== 'string')) {
    throw new CheckFailure(
      `Expected testRetryClient(${which}) to resolve with an array of strings.`,
      'an array of strings',
      JSON.stringify(result) ?? String(result),
    );
  }
  return result as string[];
}

/** A check that your test passes a correct client and reports the one with `flaws`. */
function catches(name: string, flaws: Flaws) {
  return check({ name: `catches a client that ${name}`, points: 1 }, async ({ learner }) => {
    const correct = await report(learner, client(), 'a correct client');
    expect(correct.join(' | '), 'what your test reports for a correct client').toBe('');
    const planted = await report(learner, client(flaws), `a client that ${name}`);
    expect(
      planted.length,
      `the number of failures your test reports for a client that ${name}`,
    ).toBeGreaterThanOrEqual(1);
  });
}

export default [
  check(
    { name: 'reports nothing for two correct clients, written differently', points: 2 },
    async ({ learner }) => {
      const first = await report(learner, client(), 'a correct client');
      expect(first.join(' | '), 'what your test reports for a correct client').toBe('');
      const second = await report(learner, anotherCorrectClient, 'another correct client');
      expect(second.join(' | '), 'what your test reports for another correct client').toBe('');
    },
  ),
  catches('retries a 400', { retryEveryStatus: true }),
  catches('ignores Retry-After', { ignoreRetryAfter: true }),
  catches('retries forever', { noLimit: true }),
  catches('turns a malformed Retry-After into NaN', { numberRetryAfter: true }),
  catches('gives up at once on a reset', { giveUpOnReset: true }),
];
