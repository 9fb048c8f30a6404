import { beforeEach, describe, expect, it } from 'vitest';
import { API, fakeClock, useMockApi } from './msw-server';

describe('/unstable', () => {
  beforeEach(() => useMockApi());

  it('fails the first N calls of a run with the chosen status, then succeeds', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${API}/unstable?fail=2&status=502`);
      statuses.push(response.status);
      if (response.status === 502) expect(response.headers.has('Retry-After')).toBe(false);
    }
    expect(statuses).toEqual([502, 502, 200, 200]);
    useMockApi(); // a new run counts from zero again
    const defaults = await fetch(`${API}/unstable`);
    expect(defaults.status).toBe(503);
    expect((await defaults.json()).detail).toContain('the first 2 do');
  });

  it('sends Retry-After in seconds when asked', async () => {
    const response = await fetch(`${API}/unstable?fail=1&status=429&retry_after=3`);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('3');
  });

  it('sends Retry-After as an HTTP date at least that many seconds ahead of the mock clock', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 25, 7, 28, 0, 400));
    useMockApi({ now: clock.now });
    const response = await fetch(`${API}/unstable?fail=1&retry_after=5&retry_after_form=date`);
    expect(response.status).toBe(503);
    const header = response.headers.get('Retry-After')!;
    // 07:28:00.4 + 5 s, rounded up to the next whole second: waiting until then is never too soon.
    expect(header).toBe('Wed, 25 Nov 2026 07:28:06 GMT');
    expect(Date.parse(header) - clock.now()).toBeGreaterThanOrEqual(5_000);
  });

  it("sends a malformed Retry-After ('2.5') when asked for the decimal form", async () => {
    const response = await fetch(`${API}/unstable?fail=1&retry_after=2&retry_after_form=decimal`);
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('2.5');
  });

  it('refuses bad parameters with a 400 that shows a working example', async () => {
    for (const query of [
      'fail=-1',
      'status=200',
      'status=abc',
      'retry_after=1.5',
      'retry_after=99999',
      'retry_after=2&retry_after_form=epoch',
    ]) {
      const response = await fetch(`${API}/unstable?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).detail).toContain('Example: /unstable?');
    }
  });
});
