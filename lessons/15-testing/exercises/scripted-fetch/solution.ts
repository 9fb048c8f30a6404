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

export function scriptedFetch(script: Step[]): ScriptedFetch {
  const calls: Call[] = [];
  async function fake(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const signal = init.signal ?? request?.signal;
    signal?.throwIfAborted(); // like fetch: an aborted request is never sent
    const url = request ? request.url : String(input);
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    calls.push({ url, method, at: Date.now() });

    const step = script[calls.length - 1];
    if (!step) {
      // Not a TypeError: a retrying client must not take a surprise for a network failure.
      throw new Error(`request ${calls.length} (${method} ${url}) is not in the script`);
    }
    if ('reset' in step) throw new TypeError('fetch failed: the connection was reset');
    if ('hang' in step) {
      return new Promise<Response>((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    return new Response(step.body ?? null, { status: step.status, headers: step.headers });
  }
  return Object.assign(fake, { calls });
}

const tooMany: Step = { status: 429, headers: { 'Retry-After': '1' } };

/** Three 429s with Retry-After: 1, a 503 with Retry-After: soon, then 200 {"ok":true}. */
export const burst: Step[] = [
  tooMany,
  tooMany,
  tooMany,
  { status: 503, headers: { 'Retry-After': 'soon' } },
  { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' },
];
