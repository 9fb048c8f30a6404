/**
 * The `fetch` that learner code sees in the sandbox. It never touches the network: every request is
 * answered by the mock API's MSW handlers (msw's `getResponse`), so it works the same with or without
 * a service worker, on a first visit and after a hard reload. Requests to any other origin fail the
 * way a network failure does. This is also the one place that sees every request, so it reports
 * network events (request, response, failure, abort) with exact timing.
 */
import { getResponse, type RequestHandler } from 'msw';
import type { CapturedBody, NetworkEvent } from './protocol.ts';

/** The origins the mock API simulates. Keep in step with mock-api/hosts.ts. */
export const MOCK_ORIGINS = [
  'https://api.example.com',
  'https://api.github.com',
  'https://down.example.com',
];

/** Bodies captured for the network log are cut at this many characters. */
const MAX_BODY_CHARS = 64 * 1024;
const MAX_REDIRECTS = 20;

export interface SandboxFetchOptions {
  handlers: RequestHandler[];
  /** Relative URLs resolve against this, as they would against the page. */
  baseUrl: string;
  now: () => number;
  onNetwork: (event: NetworkEvent) => void;
  /** Explains to the reader why a request never left the sandbox. */
  onBlocked: (explanation: string) => void;
  /** Called when a request starts and settles, so the sandbox knows when the program is idle. */
  onPending?: (delta: 1 | -1) => void;
}

export function blockedExplanation(url: string): string {
  return (
    `fetch("${url}") was blocked: examples can only reach the course's mock API ` +
    `(${MOCK_ORIGINS.join(', ')}), so this request fails like a network failure. ` +
    'Use one of those hosts to try your code.'
  );
}

export function createSandboxFetch(options: SandboxFetchOptions): typeof fetch {
  let nextId = 1;
  return async function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request =
      input instanceof Request
        ? new Request(input, init)
        : new Request(new URL(String(input), options.baseUrl), init);
    const id = nextId++;
    options.onPending?.(1);
    try {
      return await answer(request, id, options);
    } finally {
      options.onPending?.(-1);
    }
  };
}

async function answer(
  request: Request,
  id: number,
  options: SandboxFetchOptions,
): Promise<Response> {
  const { onNetwork, now } = options;
  onNetwork({
    kind: 'request',
    id,
    time: now(),
    method: request.method,
    url: request.url,
    headers: [...request.headers],
    body: request.body ? await captureBody(request.clone()) : null,
  });

  let current = request;
  for (let redirects = 0; ; redirects += 1) {
    if (!MOCK_ORIGINS.includes(new URL(current.url).origin)) {
      options.onBlocked(blockedExplanation(current.url));
      onNetwork({ kind: 'failed', id, time: now(), reason: 'Outside the mock API', blocked: true });
      throw new TypeError('Failed to fetch');
    }
    const response = await untilAborted(
      getResponse(options.handlers, current),
      current.signal,
      id,
      options,
    );
    if (!response || response.type === 'error') {
      onNetwork({
        kind: 'failed',
        id,
        time: now(),
        reason: response ? 'Network failure (simulated)' : 'No mock handler answered this URL',
        blocked: false,
      });
      throw new TypeError('Failed to fetch');
    }
    const location = response.headers.get('Location');
    if (isRedirect(response.status) && location && current.redirect === 'follow') {
      if (redirects >= MAX_REDIRECTS) {
        onNetwork({
          kind: 'failed',
          id,
          time: now(),
          reason: 'Too many redirects',
          blocked: false,
        });
        throw new TypeError('Failed to fetch');
      }
      current = new Request(new URL(location, current.url), {
        method: response.status === 303 ? 'GET' : current.method,
        headers: current.headers,
        signal: current.signal,
      });
      continue;
    }
    // A mocked Response has no URL; fetch's responses do, and learner code may read it.
    Object.defineProperty(response, 'url', { value: current.url });
    Object.defineProperty(response, 'redirected', { value: redirects > 0 });
    onNetwork({
      kind: 'response',
      id,
      time: now(),
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      body: response.body
        ? await untilAborted(captureBody(response.clone()), current.signal, id, options)
        : null,
    });
    return response;
  }
}

function isRedirect(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status);
}

/** Settles like `work`, unless the request's signal fires first: then rejects with its reason, as fetch does. */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
  id: number,
  options: SandboxFetchOptions,
): Promise<T> {
  const abort = () => {
    const reason: unknown = signal.reason;
    const name = reason instanceof Error ? reason.name : 'AbortError';
    const message = reason instanceof Error ? reason.message : String(reason);
    options.onNetwork({ kind: 'aborted', id, time: options.now(), reason: name, message });
    return reason;
  };
  if (signal.aborted) return Promise.reject(abort());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abort());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function captureBody(message: Request | Response): Promise<CapturedBody> {
  const text = await message.text();
  return text.length > MAX_BODY_CHARS
    ? { text: text.slice(0, MAX_BODY_CHARS), truncated: text.length - MAX_BODY_CHARS }
    : { text, truncated: 0 };
}
