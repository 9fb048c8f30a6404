import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { createMockApi } from '../index';
import type { MockApiOptions } from '../state';

/**
 * One msw/node server per test file; each test installs a freshly created mock API, so no state
 * (created users, counters) can leak from one test into the next.
 */
export const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

export function useMockApi(options: MockApiOptions = {}): void {
  server.resetHandlers(...createMockApi(options).handlers);
}

/** A clock the test moves by hand, to step past Retry-After without waiting. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): {
  now: () => number;
  advance(ms: number): void;
} {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

export const API = 'https://api.example.com';
export const GITHUB = 'https://api.github.com';

export function postJson(url: string, body: unknown, method = 'POST'): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
