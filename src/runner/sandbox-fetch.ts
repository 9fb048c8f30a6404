/**
 * The `fetch` that learner code sees in the sandbox. It never touches the network: every request is
 * answered by the mock API's MSW handlers (msw's `getResponse`), so it works the same with or without
 * a service worker, on a first visit and after a hard reload. Requests to any other origin fail the
 * way a network failure does. This is also the one place that sees every request, so it reports
 * network events (request, response, failure, abort) with exact timing.
 */
import { getResponse, type RequestHandler } from 'msw';
import { API_HOST, DOWN_HOST, GITHUB_HOST } from '../../mock-api/hosts.ts';
import { STREAMED_BODY_HEADER, isStreamedBody } from '../../mock-api/timed-stream.ts';
import type { CapturedBody, NetworkEvent } from './protocol.ts';
import { isRedirectStatus, nextHop, withoutFragment, type Hop } from './redirect-rules.ts';

/** The origins the mock API simulates. */
export const MOCK_ORIGINS: readonly string[] = [API_HOST, GITHUB_HOST, DOWN_HOST];

/** Bodies captured for the network log are cut at this many characters. */
const MAX_BODY_CHARS = 64 * 1024;

export interface SandboxFetchOptions {
  handlers: RequestHandler[];
  /** Relative URLs resolve against this, as they would against the page. */
  baseUrl: string;
  now: () => number;
  onNetwork: (event: NetworkEvent) => void;
  /** Explains to the reader why a request never left the sandbox. */
  onBlocked: (explanation: string) => void;
  /** Told when a request starts and settles, so the runtime knows what the program waits on. */
  tracker?: RequestTracker;
}

/** What the runtime learns from `fetch` to tell "idle", "finished" and "waiting forever" apart. */
export interface RequestTracker {
  started(id: number, request: OpenRequest): void;
  settled(id: number): void;
  /** A body read (`response.json()`, ...) in progress: real work the clock must not jump over. */
  reading<T>(work: Promise<T>): Promise<T>;
}

export interface OpenRequest {
  method: string;
  url: string;
  /** Whether the caller passed a signal, i.e. whether anything could ever abort it. */
  hasSignal: boolean;
  /** Set once its headers arrived and its body streams: what it waits for is the rest of the body. */
  bodyStreaming?: boolean;
}

const listen = EventTarget.prototype.addEventListener;
const unlisten = EventTarget.prototype.removeEventListener;

/**
 * The mock's responses are msw's own objects (subclasses of Response whose classes learner code must
 * never meet): they are read only through the platform's getters and methods, taken before any
 * learner code exists, never through a lookup on the object that a patched class could answer.
 */
function getter<T>(name: string): (response: Response) => T {
  const get = Object.getOwnPropertyDescriptor(Response.prototype, name)!.get!;
  return (response) => Reflect.apply(get, response, []) as T;
}
const statusGetter = getter<number>('status');
const readStatusText = getter<string>('statusText');
const readHeaders = getter<Headers>('headers');
const readBody = getter<ReadableStream | null>('body');
const readType = getter<ResponseType>('type');
const readRedirectMode = Object.getOwnPropertyDescriptor(Request.prototype, 'redirect')!.get!;
const readArrayBuffer = Response.prototype.arrayBuffer;
const headerEntries = Headers.prototype.entries;
const headerGet = Headers.prototype.get;

/** msw stores a status that `Response` refuses (1xx) as an own property of its object. */
function readStatus(response: Response): number {
  const own = Object.getOwnPropertyDescriptor(response, 'status');
  return own && 'value' in own && typeof own.value === 'number'
    ? own.value
    : statusGetter(response);
}

/** The headers a client sees: the mock's note to its hosts (a streamed body) is left out. */
function entriesOf(headers: Headers): [string, string][] {
  return [...(Reflect.apply(headerEntries, headers, []) as Iterable<[string, string]>)].filter(
    ([name]) => name !== STREAMED_BODY_HEADER,
  );
}

const BODY_METHODS = ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'] as const;

export function blockedExplanation(url: string, redirectedFrom?: string): string {
  const what = redirectedFrom
    ? `The redirect from ${redirectedFrom} to ${url} was not followed`
    : `fetch("${url}") was blocked`;
  return (
    `${what}: examples can only reach the course's mock API ` +
    `(${MOCK_ORIGINS.join(', ')}), so this request fails like a network failure. ` +
    'Use one of those hosts to try your code.'
  );
}

export function createSandboxFetch(options: SandboxFetchOptions): typeof fetch {
  let nextId = 1;
  return async function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // The request follows a signal of our own, tied to the caller's through the prototype's
    // addEventListener: the engine's Request would otherwise listen on the caller's signal through
    // its own method, and an AbortSignal.timeout signal takes a listener as a reason to stay alive.
    const callerSignal = init?.signal ?? (input instanceof Request ? input.signal : null);
    const settings: RequestInit = { ...init, signal: null };
    // A stream body can be sent once: a redirect that asks to send it again is a network error.
    const streamedBody = settings.body instanceof ReadableStream;
    const given = new Request(
      input instanceof Request ? input : new URL(String(input), options.baseUrl),
      settings,
    );
    const inner = new AbortController();
    if (callerSignal?.aborted) inner.abort(callerSignal.reason);
    else if (callerSignal) {
      listen.call(callerSignal, 'abort', () => inner.abort(callerSignal.reason), { once: true });
    }
    const request = new Request(given, { signal: inner.signal });
    const id = nextId++;
    const hasSignal = Boolean(callerSignal);
    const open: OpenRequest = { method: request.method, url: request.url, hasSignal };
    options.tracker?.started(id, open);
    // A streamed body keeps the request open until its last byte (or its abort) settles it.
    let streaming = false;
    try {
      return await answer(
        request,
        inner.signal,
        { id, streamedBody, rowId: () => nextId++ },
        options,
        () => {
          streaming = true;
          open.bodyStreaming = true;
        },
      );
    } finally {
      if (!streaming) options.tracker?.settled(id);
    }
  };
}

/** Which `fetch` call this is, and how it numbers the Network rows of its redirects. */
interface Call {
  /** The call's id: the tracker's, and its first Network row's. */
  id: number;
  /** The caller's body was a stream (see redirect-rules.ts). */
  streamedBody: boolean;
  /** A new Network row id, for each redirect the call follows. */
  rowId: () => number;
}

/**
 * `signal` is the request's own abort source, held strongly: the engine links a Request's signal to
 * the one it follows only weakly, so after a garbage collection an abort could stop reaching it.
 *
 * Redirects are followed here, one Network row per hop, by the Fetch standard's rules
 * (redirect-rules.ts): each hop's URL is checked against the mock's origins before it is asked, like
 * any request, and the learner only ever gets a Response built here.
 */
async function answer(
  request: Request,
  signal: AbortSignal,
  call: Call,
  options: SandboxFetchOptions,
  startStreaming: () => void,
): Promise<Response> {
  const { onNetwork, now } = options;
  // The body is read once, here (a tracked read), and every copy the handlers ask for is made from
  // those bytes: in Chromium a read through `request.clone()` (msw clones for its resolvers) takes
  // dozens of event-loop turns, which the run loop took for idleness, so the virtual clock jumped to
  // the request's timeout and a POST with a body never got its answer.
  const bytes = request.body ? await tracked(options.tracker, request.arrayBuffer()) : null;
  const mode = Reflect.apply(readRedirectMode, request, []) as RequestRedirect;
  let hop: Hop = {
    url: request.url,
    method: request.method,
    headers: [...request.headers],
    body: bytes,
  };
  let current = bytes ? withBufferedBody(request, bytes, signal) : request;
  let from: string | undefined;
  for (let redirects = 0; ; redirects += 1) {
    const id = redirects === 0 ? call.id : call.rowId();
    onNetwork({
      kind: 'request',
      id,
      time: now(),
      method: hop.method,
      url: hop.url,
      headers: hop.headers,
      body: hop.body ? captureBody(hop.body) : null,
    });
    if (!MOCK_ORIGINS.includes(new URL(hop.url).origin)) {
      options.onBlocked(blockedExplanation(hop.url, from));
      onNetwork({ kind: 'failed', id, time: now(), reason: 'Outside the mock API', blocked: true });
      throw new TypeError('Failed to fetch');
    }
    const response = await untilAborted(
      getResponse(options.handlers, current),
      signal,
      id,
      options,
    );
    if (!response || readType(response) === 'error') {
      onNetwork({
        kind: 'failed',
        id,
        time: now(),
        reason: response ? 'Network failure (simulated)' : 'No mock handler answered this URL',
        blocked: false,
      });
      throw new TypeError('Failed to fetch');
    }
    const status = readStatus(response);
    const headers = readHeaders(response);
    if (status < 200 || status > 599) {
      // fetch never hands a 1xx over as the answer (101 is a network error, the others are interim),
      // and `Response` cannot hold one: fail as the browser does, and never pass msw's object on.
      onNetwork({
        kind: 'failed',
        id,
        time: now(),
        reason: `The server answered ${status}, which is not a final response`,
        blocked: false,
      });
      throw new TypeError('Failed to fetch');
    }
    // A body the mock streams on purpose (/slow-body, /stream, /sse: Transfer-Encoding: chunked;
    // /drip: marked, with a Content-Length) reaches the program piece by piece, as over a network,
    // so a deadline can end it mid-body and the program can cancel it.
    const stream = readBody(response);
    const statusText = readStatusText(response);
    const headerList = entriesOf(headers);
    const header = (name: string) => Reflect.apply(headerGet, headers, [name]) as string | null;
    const location = header('Location');
    /** Reads a body the mock has whole, then logs the response with it. */
    const logWhole = async (): Promise<ArrayBuffer | null> => {
      const bytes = stream
        ? await untilAborted(
            Reflect.apply(readArrayBuffer, response, []) as Promise<ArrayBuffer>,
            signal,
            id,
            options,
          )
        : null;
      onNetwork({
        kind: 'response',
        id,
        time: now(),
        status,
        statusText,
        headers: headerList,
        body: bytes ? captureBody(bytes) : null,
      });
      return bytes;
    };
    // `manual` hands the redirect over as it is, readable, as Node's fetch does (a browser page
    // gets an opaque one instead: status 0, no headers). `error` refuses any redirect status, with
    // a Location or not; `follow` has nowhere to go without one, and hands the 3xx over.
    if (isRedirectStatus(status) && mode !== 'manual' && (location !== null || mode === 'error')) {
      const next =
        mode === 'error'
          ? ({
              kind: 'fail',
              reason: `The server answered ${status}${location === null ? '' : ` to ${location}`}, a redirect, and the request said redirect: 'error'`,
            } as const)
          : nextHop(hop, status, location!, redirects, call.streamedBody);
      if (next.kind === 'fail') {
        onNetwork({ kind: 'failed', id, time: now(), reason: next.reason, blocked: false });
        throw new TypeError('Failed to fetch');
      }
      // The redirect's own row gets its status, headers and body (fetch drops that body unread).
      await logWhole();
      from = hop.url;
      hop = next.hop;
      current = requestFor(hop, mode, signal);
      continue;
    }
    const url = withoutFragment(hop.url);
    if (isStreamedBody(header) && stream) {
      startStreaming();
      const streamed = streamedResponse(
        stream,
        { status, statusText, headers: headerList },
        signal,
        id,
        options,
        call.id,
      );
      return dressed(streamed.response, url, redirects > 0, undefined, streamed.failure);
    }
    // Any other body arrives whole before the response is handed over (the mock has it all at once),
    // so the log holds it and reading it later is quick work the runtime can track.
    const bytes = await logWhole();
    return learnerResponse(
      { status, statusText, headers: headerList },
      bytes,
      url,
      redirects > 0,
      options.tracker,
    );
  }
}

/** The request for one hop of a redirect chain, its body (if any) copied for every reader. */
function requestFor(hop: Hop, redirect: RequestRedirect, signal: AbortSignal): Request {
  const copy = (): Request =>
    new Request(hop.url, {
      method: hop.method,
      headers: hop.headers,
      body: hop.body ? hop.body.slice(0) : null,
      redirect,
      signal,
    });
  const first = copy();
  Object.defineProperty(first, 'clone', { value: copy });
  return first;
}

/** Settles like `work`, unless the request's signal fires first: then rejects with its reason, as fetch does. */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
  id: number,
  options: SandboxFetchOptions,
): Promise<T> {
  const abort = () => reportAbort(signal, id, options);
  if (signal.aborted) return Promise.reject(abort());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abort());
    // The prototype's method, not the signal's own: AbortSignal.timeout's signals count a listener as
    // a reason to stay alive, and fetch's own listener is not one.
    listen.call(signal, 'abort', onAbort, { once: true });
    work.then(
      (value) => {
        unlisten.call(signal, 'abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        unlisten.call(signal, 'abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Logs the abort of request `id` and returns its reason, the error fetch rejects with. */
function reportAbort(signal: AbortSignal, id: number, options: SandboxFetchOptions): unknown {
  const reason: unknown = signal.reason;
  const name = reason instanceof Error ? reason.name : 'AbortError';
  const message = reason instanceof Error ? reason.message : String(reason);
  options.onNetwork({ kind: 'aborted', id, time: options.now(), reason: name, message });
  return reason;
}

/**
 * The learner's Response for a streamed mock body: each piece is passed on as it comes; the log gets
 * the response (and the body, up to MAX_BODY_CHARS) when the last piece is in, or when the program
 * cancels the body (then the mock stops sending: the connection is released); an abort errors the
 * body with the signal's reason, as fetch does, and stops the mock. Its reads are not tracked as
 * quick work: they wait on the mock's timers, which the clock must be free to reach.
 */
function streamedResponse(
  stream: ReadableStream<Uint8Array>,
  mocked: { status: number; statusText: string; headers: [string, string][] },
  signal: AbortSignal,
  id: number,
  options: SandboxFetchOptions,
  /** The fetch call's id, for the tracker: after a redirect, not the row's. */
  callId: number,
): { response: Response; failure: () => unknown } {
  const reader = stream.getReader();
  let ended = false;
  let failure: unknown;
  // What the log keeps of the body: its first MAX_BODY_CHARS characters, and a count of the rest.
  const decoder = new TextDecoder();
  let kept = '';
  let cutChars = 0;
  let bytes = 0;
  const capture = (piece: Uint8Array, last = false) => {
    bytes += piece.length;
    const text = decoder.decode(piece, { stream: !last });
    const room = MAX_BODY_CHARS - kept.length;
    if (text.length <= room) kept += text;
    else {
      kept += text.slice(0, room);
      cutChars += text.length - room;
    }
  };
  const end = () => {
    ended = true;
    options.tracker?.settled(callId);
  };
  const logResponse = (note?: string) =>
    options.onNetwork({
      kind: 'response',
      id,
      time: options.now(),
      status: mocked.status,
      statusText: mocked.statusText,
      headers: mocked.headers,
      body: { text: kept, truncated: cutChars },
      ...(note ? { note } : {}),
    });
  let onAbort = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        if (ended) return;
        const reason = reportAbort(signal, id, options);
        failure = reason;
        controller.error(reason);
        reader.cancel(reason).catch(() => {});
        end();
      };
      if (signal.aborted) return onAbort();
      listen.call(signal, 'abort', onAbort, { once: true });
      const pump = async (): Promise<void> => {
        for (;;) {
          const { done, value } = await reader.read();
          if (ended) return;
          if (done) break;
          capture(value);
          controller.enqueue(value);
        }
        unlisten.call(signal, 'abort', onAbort);
        capture(new Uint8Array(0), true);
        logResponse();
        controller.close();
        end();
      };
      pump().catch((error: unknown) => {
        if (ended) return;
        unlisten.call(signal, 'abort', onAbort);
        options.onNetwork({
          kind: 'failed',
          id,
          time: options.now(),
          reason: 'The body was cut off',
          blocked: false,
        });
        failure = new TypeError('terminated', { cause: error });
        controller.error(failure);
        end();
      });
    },
    // The program cancelled the body (reader.cancel(), body.cancel(), a `break` out of `for await`):
    // the log gets what arrived, and the mock stops sending, as a closed connection would make it.
    cancel(reason) {
      if (ended) return;
      unlisten.call(signal, 'abort', onAbort);
      capture(new Uint8Array(0), true);
      logResponse(`The program cancelled the body after ${bytes} bytes had arrived`);
      end();
      reader.cancel(reason).catch(() => {});
    },
  });
  return { response: new Response(body, mocked), failure: () => failure };
}

/**
 * The Response learner code gets: a new one of the platform's class (never msw's), like fetch's,
 * with `url` and `redirected`, and tracked body reads. A 204/304 carries no body.
 */
function learnerResponse(
  mocked: { status: number; statusText: string; headers: [string, string][] },
  bytes: ArrayBuffer | null,
  url: string,
  redirected: boolean,
  tracker: RequestTracker | undefined,
): Response {
  const bodyless = [204, 205, 304].includes(mocked.status);
  const response = new Response(bodyless ? null : bytes, mocked);
  return dressed(response, url, redirected, tracker);
}

/**
 * Gives `response` what fetch's responses have and a built one lacks (`url`, `redirected`), tracks
 * its body reads, and makes its `clone()` do the same: in Chromium reading a clone takes many
 * event-loop turns, which the run loop would otherwise take for a program waiting forever.
 * `failure` is why a streamed body ended early: a body read rejects with it, as fetch's does with
 * the abort reason (Chromium's built Response would say only TypeError).
 */
function dressed(
  response: Response,
  url: string,
  redirected: boolean,
  tracker?: RequestTracker,
  failure?: () => unknown,
): Response {
  Object.defineProperty(response, 'url', { value: url });
  Object.defineProperty(response, 'redirected', { value: redirected });
  if (tracker || failure) {
    for (const name of BODY_METHODS) {
      const read = Response.prototype[name] as (this: Response) => Promise<unknown>;
      Object.defineProperty(response, name, {
        value: function (this: Response) {
          const reading = failure
            ? read.call(this).catch((error: unknown) => {
                throw failure() ?? error;
              })
            : read.call(this);
          return tracked(tracker, reading);
        },
      });
    }
  }
  const clone = Response.prototype.clone;
  Object.defineProperty(response, 'clone', {
    value: function (this: Response) {
      return dressed(clone.call(this), url, redirected, tracker, failure);
    },
  });
  return response;
}

function tracked<T>(tracker: RequestTracker | undefined, work: Promise<T>): Promise<T> {
  return tracker ? tracker.reading(work) : work;
}

/** `request` with `bytes` as its body, whose `clone()` makes another such request (no stream tee). */
function withBufferedBody(request: Request, bytes: ArrayBuffer, signal: AbortSignal): Request {
  const copy = (): Request =>
    new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: bytes.slice(0),
      redirect: request.redirect,
      signal,
    });
  const first = copy();
  Object.defineProperty(first, 'clone', { value: copy });
  return first;
}

function captureBody(bytes: ArrayBuffer): CapturedBody {
  const text = new TextDecoder().decode(bytes);
  return text.length > MAX_BODY_CHARS
    ? { text: text.slice(0, MAX_BODY_CHARS), truncated: text.length - MAX_BODY_CHARS }
    : { text, truncated: 0 };
}
