import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMockApi, scenarios, type ScenarioId } from '../index';
import { API, GITHUB, fakeClock, useMockApi } from './msw-server';

const urls = [`${API}/users/42`, `${API}/data`, `${GITHUB}/repos/python/cpython`];

describe('scenario metadata', () => {
  it('lists every scenario once, in order, with a label and a one-line description', () => {
    expect(scenarios.map((scenario) => scenario.label)).toEqual([
      'Normal',
      'Slow responses',
      'Hang',
      'Not found (404)',
      'Rate limited (429)',
      'Rate limited (429, date)',
      'Server error (500)',
      'Unavailable (503)',
      'Offline',
      'Flaky',
    ]);
    for (const scenario of scenarios) {
      expect(scenario.description).toMatch(/^[A-Z].*\.$/);
      expect(scenario.description).not.toContain('\n');
    }
  });
});

describe('scenarios apply to every request', () => {
  it('normal: endpoints answer as documented', async () => {
    useMockApi({ scenario: 'normal' });
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
  });

  it('slow: every response still arrives, after the delay', async () => {
    useMockApi({ scenario: 'slow', slowMs: 60 });
    for (const url of urls) {
      const started = performance.now();
      expect((await fetch(url)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    }
    const error = await fetch(`${API}/data`, { signal: AbortSignal.timeout(20) }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('TimeoutError');
  });

  it('hang: no response until the client gives up', async () => {
    useMockApi({ scenario: 'hang' });
    for (const url of urls) {
      const error = await fetch(url, { signal: AbortSignal.timeout(30) }).catch((e: unknown) => e);
      expect((error as Error).name).toBe('TimeoutError');
    }
  });

  const statusScenarios: [ScenarioId, number, string][] = [
    ['not-found', 404, 'Not Found'],
    ['rate-limited', 429, 'Too Many Requests'],
    ['server-error', 500, 'Internal Server Error'],
    ['unavailable', 503, 'Service Unavailable'],
  ];
  for (const [scenario, status, text] of statusScenarios) {
    it(`${scenario}: every request gets ${status} ${text}`, async () => {
      useMockApi({ scenario });
      for (const url of [...urls, `${API}/users?page=1`]) {
        const response = await fetch(url, { method: 'GET' });
        expect(response.status).toBe(status);
        expect(response.statusText).toBe(text);
        expect(response.headers.get('X-Request-Id')).toMatch(/^req_[0-9a-f]{16}$/);
        const body = await response.json();
        if (url.startsWith(GITHUB))
          expect(body).toMatchObject({ message: text, status: String(status) });
        else expect(body).toMatchObject({ title: text, status });
        if (status === 429 || status === 503) expect(response.headers.get('Retry-After')).toBe('2');
      }
      const created = await fetch(`${API}/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"A","email":"a@example.com"}',
      });
      expect(created.status).toBe(status);
    });
  }

  it('rate-limited: the limit headers say none are left', async () => {
    useMockApi({ scenario: 'rate-limited' });
    const response = await fetch(`${API}/users/42`);
    expect(response.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect(response.headers.get('X-RateLimit-Limit')).toBe('1000');
  });

  it('rate-limited-date: 429 with Retry-After as an HTTP date at least 2 s ahead of the mock clock', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 25, 7, 28, 0, 400));
    useMockApi({ scenario: 'rate-limited-date', now: clock.now });
    const response = await fetch(`${API}/users/42`);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('Wed, 25 Nov 2026 07:28:03 GMT');
    expect(response.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect((await response.json()).detail).toContain('rate-limited-date');
  });

  it('offline: every request is a network failure', async () => {
    useMockApi({ scenario: 'offline' });
    for (const url of urls) await expect(fetch(url)).rejects.toThrow(TypeError);
  });

  it('flaky: a seeded mix of successes, 503s and network errors, never 3 failures in a row', async () => {
    useMockApi({ scenario: 'flaky', seed: 3 });
    const viaFetch = await Promise.all(
      Array.from({ length: 3 }, () =>
        fetch(`${API}/users/42`).then(
          (r) => String(r.status),
          () => 'network',
        ),
      ),
    );
    expect(viaFetch.every((outcome) => ['200', '503', 'network'].includes(outcome))).toBe(true);

    for (const seed of [1, 2, 3, 4, 5]) {
      const { handlers } = createMockApi({ scenario: 'flaky', seed });
      const outcomes: string[] = [];
      for (let i = 0; i < 100; i++) {
        const response = await getResponse(handlers, new Request(`${API}/users/42`));
        outcomes.push(response!.type === 'error' ? 'network' : String(response!.status));
      }
      expect(new Set(outcomes), `seed ${seed}`).toEqual(new Set(['200', '503', 'network']));
      expect(outcomes.join(','), `seed ${seed}`).not.toMatch(
        /(503|network),(503|network),(503|network)/,
      );
      const failures = outcomes.filter((outcome) => outcome !== '200').length;
      expect(failures, `seed ${seed}`).toBeGreaterThan(15);
      expect(failures, `seed ${seed}`).toBeLessThan(50);
    }
  });
});

/** The outcome of `count` GETs to a fresh API with these options, as comparable text. */
async function transcript(
  options: Parameters<typeof createMockApi>[0],
  count = 30,
): Promise<string[]> {
  const { handlers } = createMockApi(options);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await getResponse(handlers, new Request(`${API}/users/${(i % 5) + 40}`));
    lines.push(
      response!.type === 'error'
        ? 'network error'
        : `${response!.status} ${response!.headers.get('X-Request-Id')} ${await response!.text()}`,
    );
  }
  return lines;
}

describe('seeded determinism', () => {
  it('the same seed answers identically; another seed draws differently', async () => {
    const now = () => Date.UTC(2026, 0, 1);
    const first = await transcript({ scenario: 'flaky', seed: 11, now });
    expect(await transcript({ scenario: 'flaky', seed: 11, now })).toEqual(first);
    const other = await transcript({ scenario: 'flaky', seed: 12, now });
    expect(other).not.toEqual(first);
  });

  it('two APIs created side by side share no state', async () => {
    const a = createMockApi();
    const b = createMockApi();
    const deleted = await getResponse(
      a.handlers,
      new Request(`${API}/users/7`, { method: 'DELETE' }),
    );
    expect(deleted!.status).toBe(204);
    expect((await getResponse(a.handlers, new Request(`${API}/users/7`)))!.status).toBe(404);
    expect((await getResponse(b.handlers, new Request(`${API}/users/7`)))!.status).toBe(200);
  });
});

describe('options', () => {
  it('rejects an unknown scenario with a message listing the valid ones', () => {
    expect(() => createMockApi({ scenario: 'sloww' as ScenarioId })).toThrow(
      /Unknown mock API scenario "sloww".*rate-limited/,
    );
  });
});
