import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../runner/protocol';
import { formatBody, NetworkModel } from './network-model';

function request(
  model: NetworkModel,
  id: number,
  method: string,
  url: string,
  headers: HeaderList = [],
  body: string | null = null,
) {
  const captured = body === null ? null : { text: body, truncated: 0 };
  return model.apply({ kind: 'request', id, time: id, method, url, headers, body: captured });
}

function respond(model: NetworkModel, id: number, status: number) {
  return model.apply({
    kind: 'response',
    id,
    time: id + 0.5,
    status,
    statusText: '',
    headers: [],
    body: null,
  });
}

function fail(model: NetworkModel, id: number) {
  return model.apply({ kind: 'failed', id, time: id + 0.5, reason: 'Simulated', blocked: false });
}

describe('NetworkModel', () => {
  it('makes one row per request and fills it in from the response', () => {
    const model = new NetworkModel();
    model.apply({
      kind: 'request',
      id: 1,
      time: 10,
      method: 'GET',
      url: 'https://api.example.com/users?page=2',
      headers: [['accept', 'application/json']],
      body: null,
    });
    expect(model.rows[0]).toMatchObject({ label: '/users?page=2', state: 'pending', attempt: 1 });
    model.apply({
      kind: 'response',
      id: 1,
      time: 52.4,
      status: 200,
      statusText: 'OK',
      headers: [['content-type', 'application/json']],
      body: { text: '[]', truncated: 0 },
    });
    expect(model.rows[0]).toMatchObject({
      state: 'done',
      statusLabel: '200 OK',
      status: 200,
      durationMs: 42,
    });
  });

  it('numbers the retries of one call as attempts', () => {
    const model = new NetworkModel();
    const url = 'https://api.example.com/flaky?fail=2';
    for (const id of [1, 2, 3]) {
      request(model, id, 'GET', url);
      if (id < 3) fail(model, id);
    }
    expect(model.rows.map((row) => row.attempt)).toEqual([1, 2, 3]);
  });

  it('counts the calls of "What gets retried" (lesson 4) as its code logs them', () => {
    // Recorded from the example: a 404, a GET retried once, a POST without a key (not retried),
    // then a POST with an Idempotency-Key retried once. The code logs attempts 1, 2 / 1 / 1, 2.
    const model = new NetworkModel();
    const base = 'https://api.example.com';
    const key: [string, string][] = [['idempotency-key', 'c0ffee']];
    request(model, 1, 'GET', `${base}/users/9999`);
    respond(model, 1, 404);
    request(model, 2, 'GET', `${base}/status/503`);
    respond(model, 2, 503);
    request(model, 3, 'GET', `${base}/status/503`);
    respond(model, 3, 503);
    request(model, 4, 'POST', `${base}/status/503`);
    respond(model, 4, 503);
    request(model, 5, 'POST', `${base}/status/503`, key);
    respond(model, 5, 503);
    request(model, 6, 'POST', `${base}/status/503`, key);
    respond(model, 6, 503);
    expect(model.rows.map((row) => `${row.method} ${row.attempt}`)).toEqual([
      'GET 1',
      'GET 1',
      'GET 2',
      'POST 1',
      'POST 1',
      'POST 2',
    ]);
  });

  it('starts a new call after a success, another request, a new body or a parallel request', () => {
    const model = new NetworkModel();
    const url = 'https://api.example.com/users/1';
    request(model, 1, 'GET', url);
    respond(model, 1, 200);
    request(model, 2, 'GET', url); // after a success: a second call
    respond(model, 2, 503);
    request(model, 3, 'GET', 'https://api.example.com/users/2');
    respond(model, 3, 503);
    request(model, 4, 'GET', url); // another request came between
    request(model, 5, 'GET', url); // 4 is still open: parallel, not a retry
    fail(model, 4);
    fail(model, 5);
    request(model, 6, 'POST', url, [], '{"a":1}');
    fail(model, 6);
    request(model, 7, 'POST', url, [], '{"a":2}'); // another body
    expect(model.rows.map((row) => row.attempt)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('counts a retry after a timeout, a 429 and a network failure', () => {
    const model = new NetworkModel();
    const url = 'https://api.example.com/slow';
    request(model, 1, 'GET', url);
    model.apply({ kind: 'aborted', id: 1, time: 9, reason: 'TimeoutError', message: 'timed out' });
    request(model, 2, 'GET', url);
    respond(model, 2, 429);
    request(model, 3, 'GET', url);
    fail(model, 3);
    request(model, 4, 'GET', url);
    expect(model.rows.map((row) => row.attempt)).toEqual([1, 2, 3, 4]);
  });

  it('says a request left open at the end of the run is still open, not pending', () => {
    const model = new NetworkModel();
    request(model, 1, 'GET', 'https://api.example.com/hang');
    request(model, 2, 'GET', 'https://api.example.com/users');
    respond(model, 2, 200);
    const changed = model.endRun('waiting-forever');
    expect(changed.map((row) => row.id)).toEqual([1]);
    expect(model.rows[0]).toMatchObject({ state: 'unanswered', statusLabel: 'still open' });
    expect(model.rows[0]!.reason).toMatch(/waiting forever/);
    expect(model.rows[1]).toMatchObject({ state: 'done', status: 200 });
    // A late event from the ended run changes nothing.
    expect(respond(model, 1, 200)).toBeUndefined();
    expect(model.endRun('stopped')).toEqual([]);
  });

  it('tells a timeout from an abort and a network failure', () => {
    const model = new NetworkModel();
    for (const id of [1, 2, 3]) {
      model.apply({
        kind: 'request',
        id,
        time: 0,
        method: 'GET',
        url: `https://api.example.com/${id}`,
        headers: [],
        body: null,
      });
    }
    model.apply({
      kind: 'aborted',
      id: 1,
      time: 2000,
      reason: 'TimeoutError',
      message: 'signal timed out',
    });
    model.apply({
      kind: 'aborted',
      id: 2,
      time: 100,
      reason: 'AbortError',
      message: 'cancelled by the user',
    });
    model.apply({
      kind: 'failed',
      id: 3,
      time: 5,
      reason: 'Simulated network failure',
      blocked: false,
    });
    expect(model.rows.map((row) => [row.statusLabel, row.durationMs])).toEqual([
      ['timed out', 2000],
      ['aborted', 100],
      ['failed', 5],
    ]);
    expect(model.rows[0]!.reason).toBe('TimeoutError: signal timed out');
  });

  it('shows the host for requests outside api.example.com', () => {
    const model = new NetworkModel();
    model.apply({
      kind: 'request',
      id: 1,
      time: 0,
      method: 'GET',
      url: 'https://api.github.com/repos/python/cpython',
      headers: [],
      body: null,
    });
    expect(model.rows[0]!.label).toBe('api.github.com/repos/python/cpython');
  });

  it('ignores events for unknown requests and can be cleared', () => {
    const model = new NetworkModel();
    expect(
      model.apply({ kind: 'failed', id: 9, time: 0, reason: 'x', blocked: true }),
    ).toBeUndefined();
    model.apply({
      kind: 'request',
      id: 1,
      time: 0,
      method: 'GET',
      url: 'https://api.example.com/',
      headers: [],
      body: null,
    });
    model.clear();
    expect(model.rows).toEqual([]);
  });
});

describe('formatBody', () => {
  it('pretty-prints JSON and leaves other text alone', () => {
    expect(formatBody({ text: '{"a":1}', truncated: 0 }, 'application/json')).toBe(
      '{\n  "a": 1\n}',
    );
    expect(formatBody({ text: '{"a":', truncated: 0 }, 'application/json')).toBe('{"a":');
    expect(formatBody({ text: 'hi', truncated: 0 }, 'text/plain')).toBe('hi');
  });

  it('says when a body is missing, empty or cut short', () => {
    expect(formatBody(null, undefined)).toBe('(no body)');
    expect(formatBody({ text: '', truncated: 0 }, undefined)).toBe('(empty body)');
    expect(formatBody({ text: 'abc', truncated: 5000 }, 'application/json')).toBe(
      'abc\n… 5000 more characters not shown',
    );
  });
});
