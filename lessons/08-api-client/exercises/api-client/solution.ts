export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

export type Params = Record<string, string | number | boolean>;

export class ApiClient {
  readonly #baseUrl: string;

  constructor(
    baseUrl: string,
    readonly apiKey: string,
    readonly timeoutMs = 30_000,
  ) {
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async #request<T>(method: string, path: string, params?: Params, data?: unknown) {
    // Joined as strings, not new URL(path, base): that would drop a base path such as /v2.
    const url = new URL(`${this.#baseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(params ?? {})) {
      url.searchParams.append(key, String(value));
    }
    const headers = new Headers({
      Authorization: `Bearer ${this.apiKey}`,
      Accept: 'application/json',
    });
    if (data !== undefined) headers.set('Content-Type', 'application/json');
    const response = await fetch(url, {
      method,
      headers,
      body: data === undefined ? undefined : JSON.stringify(data),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // Read once, as text: an empty body is undefined, and an error page that is not JSON stays readable.
    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (!response.ok) throw new HttpError(response.status, body);
    return body as T | undefined;
  }

  get<T>(path: string, params?: Params): Promise<T | undefined> {
    return this.#request<T>('GET', path, params);
  }

  post<T>(path: string, data: unknown): Promise<T | undefined> {
    return this.#request<T>('POST', path, undefined, data);
  }

  patch<T>(path: string, data: unknown): Promise<T | undefined> {
    return this.#request<T>('PATCH', path, undefined, data);
  }

  async delete(path: string): Promise<void> {
    await this.#request('DELETE', path);
  }
}
