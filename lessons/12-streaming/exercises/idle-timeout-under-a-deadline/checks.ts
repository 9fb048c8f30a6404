import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

export default [
  check(
    {
      name: 'reads a 5 s body whose pieces are 0.5 s apart, with idleMs 1000, whole',
      points: 2,
    },
    async ({ learner, clock }) => {
      const text = String(await learner.readText(`${API}/stream/10?interval=0.5`, 1_000, 20_000));
      expect(text.split('\n').length - 1, 'lines in the text').toBe(10);
      expect(text.startsWith('{"seq":1,"celsius":21.7}\n'), 'the text starts with line 1').toBe(
        true,
      );
      expect(clock.now(), 'virtual ms until it resolved').toBeGreaterThanOrEqual(5_000);
      expect(clock.now(), 'virtual ms until it resolved').toBeLessThanOrEqual(5_050);
    },
  ),
  check(
    {
      name: 'rejects with IdleTimeoutError idleMs after the last piece of a stalled body',
      points: 3,
    },
    async ({ learner, clock, network }) => {
      // The last piece comes at 1.5 s; then the server goes silent.
      const error = await expect.rejection(
        () => learner.readText(`${API}/stream/10?interval=0.5&stall_after=3`, 1_000, 20_000),
        'readText(/stream/10?stall_after=3, 1000, 20000)',
      );
      expect(error.name, 'error.name').toBe('IdleTimeoutError');
      expect(clock.now(), 'virtual ms until it rejected (1,500 + 1,000)').toBeGreaterThanOrEqual(
        2_500,
      );
      expect(clock.now(), 'virtual ms until it rejected (1,500 + 1,000)').toBeLessThanOrEqual(
        2_550,
      );
      const request = network()[0];
      expect(
        request?.endMs !== null && request?.endMs !== undefined,
        'the request ended (aborted, or its body cancelled)',
      ).toBe(true);
    },
  ),
  check(
    {
      name: 'the idle timeout starts when the headers arrive (a slow server: headers after 3 s)',
      points: 2,
      scenario: 'slow',
    },
    async ({ learner, clock }) => {
      const text = String(await learner.readText(`${API}/stream/3?interval=0.5`, 1_000, 10_000));
      expect(text.split('\n').length - 1, 'lines in the text').toBe(3);
      // Headers at 3 s, then three lines 0.5 s apart: 1 s of idleness from the start would fail it.
      expect(clock.now(), 'virtual ms until it resolved (3,000 + 1,500)').toBeLessThanOrEqual(
        4_550,
      );
    },
  ),
  check(
    {
      name: 'rejects with the TimeoutError of the total deadline on a body that never pauses',
      points: 2,
    },
    async ({ learner, clock }) => {
      const error = await expect.rejection(
        () => learner.readText(`${API}/stream/20?interval=0.5`, 1_000, 3_000),
        'readText(/stream/20, 1000, 3000)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it rejected').toBeGreaterThanOrEqual(3_000);
      expect(clock.now(), 'virtual ms until it rejected').toBeLessThanOrEqual(3_050);
    },
  ),
  check(
    {
      name: 'the total deadline covers the wait for the headers too (/hang)',
      points: 1,
    },
    async ({ learner, clock }) => {
      const error = await expect.rejection(
        () => learner.readText(`${API}/hang`, 1_000, 2_000),
        'readText(/hang, 1000, 2000)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it rejected').toBeGreaterThanOrEqual(2_000);
      expect(clock.now(), 'virtual ms until it rejected').toBeLessThanOrEqual(2_050);
    },
  ),
];
