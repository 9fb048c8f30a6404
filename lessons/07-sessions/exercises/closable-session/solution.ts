export class ApiSession {
  readonly #closed = new AbortController();

  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly timeoutMs = 10_000,
  ) {}

  get(path: string): Promise<Response> {
    return fetch(new URL(path, this.baseUrl), {
      headers: { Authorization: `Bearer ${this.token}` },
      // Whichever comes first: the session closing, or this request's own deadline.
      signal: AbortSignal.any([this.#closed.signal, AbortSignal.timeout(this.timeoutMs)]),
    });
  }

  close(): void {
    this.#closed.abort();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
