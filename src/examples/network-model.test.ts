import { describe, expect, it } from 'vitest';
import { formatBody, NetworkModel } from './network-model';

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

  it('numbers repeated calls to the same URL as attempts', () => {
    const model = new NetworkModel();
    const url = 'https://api.example.com/flaky?fail=2';
    for (const id of [1, 2, 3]) {
      model.apply({ kind: 'request', id, time: id, method: 'GET', url, headers: [], body: null });
    }
    model.apply({ kind: 'request', id: 4, time: 4, method: 'POST', url, headers: [], body: null });
    expect(model.rows.map((row) => row.attempt)).toEqual([1, 2, 3, 1]);
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
