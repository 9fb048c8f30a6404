// Exercise: scripted-fetch. Keep the exports: the checks import them by these names.

/** What the fake server does with one request. */
export type Step =
  | { status: number; headers?: Record<string, string>; body?: string } // an answer
  | { reset: true } // the connection drops: no response at all
  | { hang: true }; // never answers: only the request's signal ends it

/** One request the fake received. */
export interface Call {
  url: string;
  method: string;
  at: number; // Date.now() when it came
}

/** A fetch that answers from a script, with the requests it received. */
export interface ScriptedFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  calls: Call[];
}

/**
 * A fake fetch that answers request n with step n of `script`:
 * - a status step: resolve with `new Response(body ?? null, { status, headers })`;
 * - `{ reset: true }`: reject with a TypeError;
 * - `{ hang: true }`: never settle, unless the request's signal aborts: then reject with its reason.
 * A signal that has already aborted: reject at once with its reason (not recorded, no step used).
 * A request past the end of the script: reject with an Error (not a TypeError) naming its URL.
 * Record every other request in `calls`: URL, method (default GET) and Date.now().
 */
export function scriptedFetch(script: Step[]): ScriptedFetch {
  // Your code here.
  throw new Error(`scriptedFetch (a script of ${script.length} steps) is not written yet`);
}

/** Three 429s with Retry-After: 1, a 503 with Retry-After: soon, then 200 {"ok":true}. */
export const burst: Step[] = [];
