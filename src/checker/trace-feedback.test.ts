/**
 * Each targeted message on a planted mistake: synthetic traces for the retry mistakes, and real
 * judged runs of fetch-user's solution with one mistake planted for the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkEntry } from '../runner/run-record.ts';
import { createNodeRunner } from '../runner/node/node-host.ts';
import { compileChecks, findExercises, type ExerciseFiles } from './exercises.ts';
import { judge, type TestResult } from './judge.ts';
import { traceFeedback, type MistakeId } from './trace-feedback.ts';

function row(change: Partial<NetworkEntry>): NetworkEntry {
  return {
    method: 'GET',
    url: 'https://api.example.com/users/1',
    status: 200,
    outcome: 'ok',
    startMs: 0,
    endMs: 5,
    attempt: 1,
    ...change,
  };
}

function failed(network: NetworkEntry[], change: Partial<TestResult> = {}): TestResult {
  return {
    name: 'a check',
    status: 'fail',
    message: 'Expected something else',
    points: 0,
    maxPoints: 1,
    clockMs: 0,
    code: '',
    network,
    ...change,
  };
}

const ids = (test: TestResult): MistakeId[] => traceFeedback(test).map((entry) => entry.id);

describe('traceFeedback on synthetic traces', () => {
  it('names a retried 404', () => {
    const test = failed([
      row({ url: 'https://api.example.com/users/99999', status: 404 }),
      row({ url: 'https://api.example.com/users/99999', status: 404, startMs: 1005, attempt: 2 }),
    ]);
    expect(traceFeedback(test)[0]?.message).toMatch(/^You retried a 404 \(GET \/users\/99999\)/);
  });

  it('names a retry that ignored Retry-After', () => {
    const test = failed([
      row({ status: 429, endMs: 10 }),
      row({ status: 200, startMs: 110, attempt: 2 }),
    ]);
    expect(traceFeedback(test)).toEqual([
      {
        id: 'ignored-retry-after',
        message:
          'You retried 0.1 s after a 429: read its `Retry-After` header and wait that long first.',
      },
    ]);
  });

  it('names retries with no wait between them, but not retries that backed off', () => {
    const hammering = failed([
      row({ status: 502, endMs: 3 }),
      row({ status: 502, startMs: 3, endMs: 6, attempt: 2 }),
    ]);
    expect(ids(hammering)).toEqual(['no-backoff']);
    const patient = failed([
      row({ status: 502, endMs: 3 }),
      row({ status: 502, startMs: 1003, endMs: 1006, attempt: 2 }),
    ]);
    expect(ids(patient)).toEqual([]);
  });

  it('names a retried 500 when the check counted the requests for a 500', () => {
    const test = failed(
      [
        row({ url: 'https://api.example.com/status/500', status: 500 }),
        row({ url: 'https://api.example.com/status/500', status: 500, startMs: 1005, attempt: 2 }),
      ],
      {
        name: 'never retries a 500 (only 429, 502, 503 and 504)',
        message: 'Expected requests made for a 500 to be 1, but it was 2.',
        expected: '1',
        actual: '2',
      },
    );
    expect(traceFeedback(test)).toEqual([
      {
        id: 'retried-unretryable-status',
        message: expect.stringMatching(
          /^You retried a 500 \(GET \/status\/500\), and this check wants it returned at once: /,
        ),
      },
    ]);
    // A 503 retried after a wait is what the same exercise asks for: no sentence.
    const patient = failed(
      [
        row({ url: 'https://api.example.com/status/503', status: 503 }),
        row({ url: 'https://api.example.com/status/503', status: 200, startMs: 3005 }),
      ],
      { message: 'Expected response.status to be 200, but it was 503.' },
    );
    expect(ids(patient)).toEqual([]);
  });

  it('names giving up after one network failure', () => {
    const flaky = 'https://api.example.com/flaky?fail=2&mode=network';
    const threw = failed([row({ url: flaky, status: null, outcome: 'failed' })], {
      name: 'retries after a network failure, with a backoff',
      message: 'Your code threw TypeError: Failed to fetch.',
    });
    expect(traceFeedback(threw)).toEqual([
      {
        id: 'gave-up-on-network-failure',
        message: expect.stringMatching(
          /^Your code gave up after one network failure \(GET \/flaky\?fail=2&mode=network\): /,
        ),
      },
    ]);
    const tooFew = failed([row({ url: flaky, status: null, outcome: 'failed' })], {
      message: 'Expected requests made with maxAttempts = 2 to be 2, but it was 1.',
      expected: '2',
      actual: '1',
    });
    expect(ids(tooFew)).toEqual(['gave-up-on-network-failure']);
    // Retried, then failed for another reason: not this mistake.
    const retried = failed(
      [
        row({ url: flaky, status: null, outcome: 'failed' }),
        row({ url: flaky, status: null, outcome: 'failed', startMs: 1005 }),
      ],
      { message: 'Your code threw TypeError: Failed to fetch.' },
    );
    expect(ids(retried)).toEqual([]);
  });

  it('names a request left open after the code stopped waiting', () => {
    const test = failed([row({ url: 'https://api.example.com/hang', status: null, endMs: null })], {
      message:
        'Expected outcome of the request to be "timed-out" or "aborted", but it was "pending".',
      actual: '"pending"',
    });
    expect(ids(test)).toEqual(['left-request-open']);
  });

  it('names a request over http://', () => {
    expect(ids(failed([row({ url: 'http://api.example.com/users/1', status: null })]))).toEqual([
      'insecure-http',
    ]);
  });

  it('says nothing about passed checks', () => {
    expect(
      traceFeedback(failed([row({ status: 404 }), row({ status: 404 })], { status: 'pass' })),
    ).toEqual([]);
  });
});

describe('traceFeedback on judged runs of planted mistakes (fetch-user)', () => {
  const runner = createNodeRunner();
  afterAll(() => runner.dispose());
  let exercise: ExerciseFiles;
  let checksJs: string;
  beforeAll(async () => {
    exercise = findExercises().find((entry) => entry.id === 'fetch-user')!;
    checksJs = await compileChecks(exercise);
  });

  async function feedbackFor(code: string, checkName: string): Promise<MistakeId[]> {
    const results = await judge(runner, code, { exercise: 'fetch-user', checksJs });
    const test = results.tests.find((entry) => entry.name.includes(checkName))!;
    expect(test.status, test.message).toBe('fail');
    return ids(test);
  }

  it('no signal: the timeout never fired', async () => {
    const planted = exercise.solution.replace(
      /,\s*\{\s*signal: AbortSignal\.timeout\(10_000\),?\s*\}/,
      '',
    );
    expect(await feedbackFor(planted, 'server hangs')).toContain('no-signal');
  });

  it('the error status ignored: the body of a 404 returned as a user', async () => {
    const planted = exercise.solution.replace(
      'if (response.status === 404) throw new UserNotFoundError(id);',
      'if (response.status === 404) return (await response.json()) as User;',
    );
    expect(planted).not.toBe(exercise.solution);
    expect(await feedbackFor(planted, 'UserNotFoundError')).toContain('ignored-error-status');
  });

  it('a plain Error instead of the specific class', async () => {
    const planted = exercise.solution.replace(
      'throw new ApiError(response.status)',
      'throw new Error(`status ${response.status}`)',
    );
    expect(planted).not.toBe(exercise.solution);
    expect(await feedbackFor(planted, 'ApiError')).toEqual(['plain-error']);
  });
});

describe('traceFeedback on judged runs of planted mistakes (error-with-body, send-json)', () => {
  const runner = createNodeRunner();
  afterAll(() => runner.dispose());

  async function feedbackFor(
    id: string,
    plant: (solution: string) => string,
    checkName: string,
  ): Promise<MistakeId[]> {
    const exercise = findExercises().find((entry) => entry.id === id)!;
    const planted = plant(exercise.solution);
    expect(planted).not.toBe(exercise.solution);
    const results = await judge(runner, planted, {
      exercise: id,
      checksJs: await compileChecks(exercise),
    });
    const test = results.tests.find((entry) => entry.name.includes(checkName))!;
    expect(test.status, test.message).toBe('fail');
    return ids(test);
  }

  it('an HTML error page parsed as JSON', async () => {
    const plant = (solution: string) =>
      solution.replace(
        'const text = await response.text();',
        'const text = JSON.stringify(await response.json());',
      );
    expect(await feedbackFor('error-with-body', plant, 'HTML error page')).toEqual([
      'parsed-error-page',
    ]);
  });

  it('the empty body of a 204 parsed as JSON', async () => {
    const plant = (solution: string) =>
      solution.replace(
        "return text === '' ? undefined : JSON.parse(text);",
        'return JSON.parse(text);',
      );
    expect(await feedbackFor('send-json', plant, 'DELETE resolves undefined')).toEqual([
      'parsed-empty-body',
    ]);
  });
});

describe('traceFeedback on a 304 Not Modified', () => {
  const revalidated = [row({}), row({ status: 304, startMs: 61_000, endMs: 61_005 })];

  it('names a 304 parsed as JSON, and a 304 thrown as an error', () => {
    const parsed = failed(revalidated, {
      message: 'Your code threw SyntaxError: Unexpected end of JSON input.',
    });
    expect(traceFeedback(parsed)).toEqual([
      {
        id: 'parsed-empty-body',
        message: expect.stringContaining('The 304 Not Modified answer to GET /users/1 has no body'),
      },
    ]);
    const thrown = failed(revalidated, { message: 'Your code threw HttpError: HTTP 304.' });
    expect(traceFeedback(thrown)).toEqual([
      {
        id: 'not-modified-as-error',
        message: expect.stringContaining('check `response.status === 304` before `ok`'),
      },
    ]);
    // A 404 thrown where a 304 came earlier is not this mistake.
    expect(ids(failed(revalidated, { message: 'Your code threw HttpError: HTTP 404.' }))).toEqual(
      [],
    );
  });
});

describe('traceFeedback on the body read twice and a missing Authorization header', () => {
  it('names a second read of a body, in the words of Node and of Chromium', () => {
    for (const message of [
      'Your code threw TypeError: Body is unusable: Body has already been read.',
      "Your code threw TypeError: Failed to execute 'json' on 'Response': body stream already read.",
    ]) {
      const test = failed([row({ url: 'https://api.example.com/me' })], { message });
      expect(traceFeedback(test)).toEqual([
        {
          id: 'body-read-twice',
          message:
            'You read the body of GET /me twice: a body is a stream that can be read only once. Read it once (`const text = await response.text()`) and parse that text, or `clone()` the response before the first read.',
        },
      ]);
    }
  });

  it('names a missing Authorization header, and not one that was sent wrong', () => {
    const missing = failed([row({ url: 'https://api.example.com/me', status: 401 })], {
      message: 'Expected the Authorization header of GET /me to be "Bearer demo-abc123"',
      expected: '"Bearer demo-abc123"',
      actual: 'undefined',
    });
    expect(ids(missing)).toEqual(['no-authorization']);
    const wrong = failed([row({ url: 'https://api.example.com/me', status: 401 })], {
      message: 'Expected the Authorization header of GET /me to be "Bearer demo-abc123"',
      expected: '"Bearer demo-abc123"',
      actual: '"demo-abc123"',
    });
    expect(ids(wrong)).toEqual([]);
  });
});

describe('traceFeedback on judged runs of planted mistakes (lessons 7 to 10)', () => {
  const runner = createNodeRunner();
  afterAll(() => runner.dispose());

  async function feedbackFor(id: string, code: string, checkName: string): Promise<MistakeId[]> {
    const exercise = findExercises().find((entry) => entry.id === id)!;
    const results = await judge(runner, code, {
      exercise: id,
      checksJs: await compileChecks(exercise),
    });
    const test = results.tests.find((entry) => entry.name.includes(checkName))!;
    expect(test.status, test.message).toBe('fail');
    return ids(test);
  }

  it('the body read twice: a debug line that reads the text before json()', async () => {
    const solution = findExercises().find((entry) => entry.id === 'log-and-parse')!.solution;
    // The debug line reads the text; the parse reads the body again.
    const planted = solution.replace(
      'const text = await response.text();\n  log(text);',
      'log(await response.text());\n  const text = await response.text();',
    );
    expect(planted).not.toBe(solution);
    expect(await feedbackFor('log-and-parse', planted, 'resolves the parsed JSON')).toEqual([
      'body-read-twice',
    ]);
  });

  it('no Authorization header: a client that forgets the token', async () => {
    const solution = findExercises().find((entry) => entry.id === 'who-am-i')!.solution;
    const planted = solution.replace('headers: { Authorization: `Bearer ${token}` },', '');
    expect(planted).not.toBe(solution);
    expect(await feedbackFor('who-am-i', planted, 'sends Authorization')).toEqual([
      'no-authorization',
    ]);
  });
});
