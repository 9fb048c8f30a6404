/** An answer with an error status that was not retried, or the last one when time ran out. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export interface DeadlineOptions {
  budgetMs: number;
  attemptTimeoutMs: number;
  signal?: AbortSignal;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function getJson(url: string, options: DeadlineOptions): Promise<unknown> {
  const { budgetMs, attemptTimeoutMs, signal: caller } = options;
  const deadline = Date.now() + budgetMs;
  // One signal for the whole call: the caller's cancel or the deadline, whichever comes first.
  const budget = AbortSignal.timeout(budgetMs);
  const signal = caller ? AbortSignal.any([caller, budget]) : budget;

  for (;;) {
    signal.throwIfAborted();
    // This attempt's own limit, clamped to what is left of the budget.
    const left = Math.max(1, deadline - Date.now());
    const attempt = AbortSignal.any([
      signal,
      AbortSignal.timeout(Math.min(attemptTimeoutMs, left)),
    ]);
    let failure: unknown;
    let waitMs = 500;
    try {
      const response = await fetch(url, { signal: attempt });
      if (response.ok) return await response.json(); // the body under the same signal
      failure = new HttpError(response.status);
      await response.body?.cancel();
      if (!RETRYABLE.has(response.status)) throw failure;
      const header = response.headers.get('Retry-After')?.trim() ?? '';
      if (/^\d+$/.test(header)) waitMs = Number(header) * 1000;
    } catch (error) {
      if (signal.aborted) throw signal.reason; // the deadline or the caller: never retried
      if (error instanceof HttpError && !RETRYABLE.has(error.status)) throw error;
      failure = error; // a network failure or this attempt's TimeoutError
    }
    if (Date.now() + waitMs >= deadline) throw failure; // a wait that cannot end in time
    await sleep(waitMs, signal);
  }
}
