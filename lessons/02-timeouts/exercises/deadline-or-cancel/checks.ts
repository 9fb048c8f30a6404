import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

/** A caller's signal that aborts after `ms` virtual milliseconds, like a Cancel button. */
function cancelAfter(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

export default [
  check({ name: 'resolves the body text when nobody stops it', points: 1 }, async ({ learner }) => {
    const text = await learner.getText(`${API}/users/1`, 5_000);
    expect(typeof text, 'typeof the result').toBe('string');
    expect(JSON.parse(text)?.id, 'the id in the text').toBe(1);
  }),
  check(
    { name: 'resolves too when the caller passes a signal that never fires', points: 1 },
    async ({ learner }) => {
      const text = await learner.getText(`${API}/delay/1`, 5_000, new AbortController().signal);
      expect(JSON.parse(text)?.delayed_seconds, 'delayed_seconds in the text').toBe(1);
    },
  ),
  check(
    { name: 'rejects with TimeoutError after timeoutMs when the server hangs', points: 1 },
    async ({ learner, clock }) => {
      const error = await expect.rejection(
        () => learner.getText(`${API}/hang`, 1_500),
        'getText(/hang, 1500)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeGreaterThanOrEqual(1_500);
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(1_600);
    },
  ),
  check(
    {
      name: 'keeps its own deadline when the caller passes a signal that never fires',
      points: 2,
    },
    async ({ learner, clock }) => {
      const error = await expect.rejection(
        () => learner.getText(`${API}/hang`, 1_000, new AbortController().signal),
        'getText(/hang, 1000, signal)',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it gave up').toBeLessThanOrEqual(1_100);
    },
  ),
  check(
    {
      name: 'rejects with AbortError as soon as the caller cancels, before the deadline',
      points: 2,
    },
    async ({ learner, clock, network }) => {
      const error = await expect.rejection(
        () => learner.getText(`${API}/hang`, 5_000, cancelAfter(300)),
        'getText(/hang, 5000, a signal cancelled at 300 ms)',
      );
      expect(error.name, 'error.name').toBe('AbortError');
      expect(clock.now(), 'virtual ms until it stopped').toBeLessThanOrEqual(400);
      expect(network()[0]?.outcome, 'outcome of the request').toBe('aborted');
    },
  ),
];
