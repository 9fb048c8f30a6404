const RETRYABLE = new Set([429, 502, 503, 504]);

export async function getWithBudget(url: string, budgetMs: number): Promise<Response> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      // No attempt may outlive the budget either.
      const left = Math.max(1, budgetMs - (Date.now() - started));
      response = await fetch(url, { signal: AbortSignal.timeout(left) });
    } catch (error) {
      failure = error;
    }
    if (response && !RETRYABLE.has(response.status)) return response;
    // Whole seconds only (lesson 3): Number() would take "2.5" or "1e3", and a date gives NaN.
    const header = response?.headers.get('Retry-After')?.trim() ?? '';
    const retryAfter = /^\d+$/.test(header) ? Number(header) : NaN;
    const waitMs = Number.isFinite(retryAfter)
      ? retryAfter * 1000
      : 1000 * 2 ** (attempt - 1) + Math.random() * 100;
    // A wait that cannot end within the budget is not worth starting.
    if (Date.now() - started + waitMs > budgetMs) {
      if (response) return response;
      throw failure;
    }
    await response?.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
