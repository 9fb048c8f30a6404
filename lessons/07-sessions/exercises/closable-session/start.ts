// Exercise: closable-session. Keep the export and the method names: the checks use them.

export class ApiSession {
  /** `timeoutMs`: how long each request may take before it rejects with a TimeoutError. */
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly timeoutMs = 10_000,
  ) {}

  /**
   * GET `path`, resolved against the base URL, with `Authorization: Bearer <token>`. Resolves with
   * the Response, whatever its status; gives up after `timeoutMs` with a TimeoutError.
   */
  async get(path: string): Promise<Response> {
    // Your code here.
    throw new Error(`ApiSession.get(${path}) is not written yet`);
  }

  /**
   * Cancels every request still in flight (each rejects with an AbortError); a `get` after this
   * rejects with an AbortError too.
   */
  close(): void {
    // Your code here.
  }

  /** Lets `using session = new ApiSession(...)` close the session when its block ends. */
  [Symbol.dispose](): void {
    // Your code here.
  }
}
