import { check, expect } from 'course:checks';

/** A caller's signal that aborts after `ms` virtual milliseconds, with `reason` if given. */
function abortAfter(ms: number, reason?: unknown): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason), ms);
  return controller.signal;
}

export default [
  check(
    { name: 'resolves after ms when there is no signal', points: 1 },
    async ({ learner, clock }) => {
      await learner.sleep(1_500);
      expect(clock.now(), 'virtual ms slept').toBeGreaterThanOrEqual(1_500);
      expect(clock.now(), 'virtual ms slept').toBeLessThanOrEqual(1_550);
    },
  ),
  check(
    { name: 'resolves after ms when the signal never aborts', points: 1 },
    async ({ learner, clock }) => {
      await learner.sleep(800, new AbortController().signal);
      expect(clock.now(), 'virtual ms slept').toBeGreaterThanOrEqual(800);
      expect(clock.now(), 'virtual ms slept').toBeLessThanOrEqual(850);
    },
  ),
  check(
    {
      name: "rejects with the TimeoutError of AbortSignal.timeout(300) at 300 ms, not at the sleep's end",
      points: 2,
    },
    async ({ learner, clock }) => {
      const error = await expect.rejection(
        () => learner.sleep(5_000, AbortSignal.timeout(300)),
        'sleep(5000, AbortSignal.timeout(300))',
      );
      expect(error.name, 'error.name').toBe('TimeoutError');
      expect(clock.now(), 'virtual ms until it rejected').toBeGreaterThanOrEqual(300);
      expect(clock.now(), 'virtual ms until it rejected').toBeLessThanOrEqual(350);
    },
  ),
  check(
    { name: "rejects with the caller's own reason when the caller aborts", points: 2 },
    async ({ learner, clock }) => {
      const reason = new Error('the user left the page');
      const error = await expect.rejection(
        () => learner.sleep(5_000, abortAfter(1_000, reason)),
        'sleep(5000, a signal aborted at 1000 ms with a reason)',
      );
      expect(error === reason, 'the error is signal.reason itself').toBe(true);
      expect(clock.now(), 'virtual ms until it rejected').toBeLessThanOrEqual(1_050);
    },
  ),
  check(
    { name: 'rejects at once when the signal has already aborted', points: 2 },
    async ({ learner, clock }) => {
      const controller = new AbortController();
      controller.abort();
      const error = await expect.rejection(
        () => learner.sleep(5_000, controller.signal),
        'sleep(5000, an aborted signal)',
      );
      expect(error.name, 'error.name').toBe('AbortError');
      expect(clock.now(), 'virtual ms until it rejected').toBeLessThanOrEqual(10);
    },
  ),
];
