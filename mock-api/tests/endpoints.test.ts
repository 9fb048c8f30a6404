import { describe, expect, it } from 'vitest';
import { endpoints, exampleResponse, LOCAL_ORIGIN } from '../index';
import { useMockApi } from './msw-server';

describe('endpoint metadata', () => {
  it('has unique ids and complete documentation for every endpoint', () => {
    expect(new Set(endpoints.map((endpoint) => endpoint.id)).size).toBe(endpoints.length);
    for (const endpoint of endpoints) {
      expect(endpoint.description.length, endpoint.id).toBeGreaterThan(10);
      expect(endpoint.responses.length, endpoint.id).toBeGreaterThan(0);
      for (const name of endpoint.path.match(/\{(\w+)\}/g) ?? []) {
        expect(
          endpoint.params.map((param) => `{${param.name}}`),
          endpoint.id,
        ).toContain(name);
      }
      expect(endpoint.curl, endpoint.id).toMatch(new RegExp(`^curl -i .*'${LOCAL_ORIGIN}/`));
    }
  });

  it('covers every endpoint the issue asks for', () => {
    const listed = endpoints.map(
      (endpoint) => `${endpoint.method} ${endpoint.host}${endpoint.path}`,
    );
    for (const expected of [
      'GET https://api.example.com/users',
      'POST https://api.example.com/users',
      'GET https://api.example.com/users/{id}',
      'PUT https://api.example.com/users/{id}',
      'PATCH https://api.example.com/users/{id}',
      'DELETE https://api.example.com/users/{id}',
      'GET https://api.example.com/products',
      'GET https://api.example.com/me',
      'ANY https://api.example.com/limited',
      'ANY https://api.example.com/status/{code}',
      'ANY https://api.example.com/delay/{seconds}',
      'ANY https://api.example.com/hang',
      'ANY https://api.example.com/flaky',
      'ANY https://api.example.com/headers',
      'ANY https://api.example.com/anything',
      'GET https://api.example.com/broken-json',
      'ANY https://api.example.com/unreachable',
      'ANY https://api.example.com/html-error/{code}',
      'GET https://api.github.com/repos/{owner}/{repo}',
      'ANY https://down.example.com/*',
    ]) {
      expect(listed).toContain(expected);
    }
  });

  it('every example answers with a documented status (0 = no response)', async () => {
    for (const endpoint of endpoints) {
      const example = await exampleResponse(endpoint);
      expect(
        endpoint.responses.map((response) => response.status),
        endpoint.id,
      ).toContain(example.status);
    }
  });
});

/** The endpoints whose body is not JSON, with their Content-Type. */
const NOT_JSON: Record<string, string> = {
  'html-error': 'text/html; charset=utf-8',
  'stream-ndjson': 'application/x-ndjson; charset=utf-8',
  sse: 'text/event-stream; charset=utf-8',
  drip: 'application/octet-stream',
};

describe('headers on every response', () => {
  it('every answered example has Date, X-Request-Id, rate-limit headers and a JSON Content-Type', async () => {
    for (const endpoint of endpoints) {
      useMockApi();
      const { method = 'GET', headers = {}, body } = endpoint.example;
      const response = await fetch(endpoint.exampleUrl, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(300),
      }).catch(() => undefined);
      if (!response) continue; // network failures and hangs have no headers to check
      expect(Number.isNaN(Date.parse(response.headers.get('Date') ?? '')), endpoint.id).toBe(false);
      expect(response.headers.get('X-Request-Id'), endpoint.id).toMatch(/^req_[0-9a-f]{16}$/);
      expect(response.headers.get('X-RateLimit-Limit'), endpoint.id).toMatch(/^\d+$/);
      expect(response.headers.get('X-RateLimit-Remaining'), endpoint.id).toMatch(/^\d+$/);
      expect(response.headers.get('X-RateLimit-Reset'), endpoint.id).toMatch(/^\d+$/);
      expect(response.statusText, endpoint.id).not.toBe('');
      if (endpoint.id in NOT_JSON) {
        // Endpoints whose point is a body that is not JSON.
        expect(response.headers.get('Content-Type'), endpoint.id).toBe(NOT_JSON[endpoint.id]);
      } else if (response.status !== 204) {
        expect(response.headers.get('Content-Type'), endpoint.id).toMatch(
          /^application\/(problem\+)?json; charset=utf-8$/,
        );
      }
    }
  });
});
