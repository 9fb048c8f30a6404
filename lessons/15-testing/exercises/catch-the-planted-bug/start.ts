// Exercise: catch-the-planted-bug. Keep the export: the checks import it by this name.

/** What a client under test gets from your test: a fetch and a sleep, both yours to fake. */
export interface Deps {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  sleep: (ms: number) => Promise<void>;
}

/** The client under test: GET url's JSON, following the rules of the task (or not). */
export type GetJson = (url: string, deps: Deps) => Promise<unknown>;

/**
 * Test `getJson` against the rules of the task, with fakes of your own for `fetch` and `sleep`.
 * Resolve with one sentence for each rule it breaks, or `[]` when it keeps them all.
 */
export async function testRetryClient(getJson: GetJson): Promise<string[]> {
  // Your code here.
  throw new Error(`testRetryClient(${typeof getJson}) is not written yet`);
}
