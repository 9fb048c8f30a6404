import { getResponse } from 'msw';
import { createMockApi } from './create-mock-api';
import type { EndpointReference } from './endpoints';

/** What the reference page shows for an example: a real answer from the handlers, not a copy. */
export interface ExampleResponse {
  /** 0 when the endpoint answers with a network failure (or never answers). */
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/**
 * Requests being answered. Holding them matters: undici links a Request's signal to the one it was
 * built with only weakly, so an unreferenced Request can be collected while `/hang` waits, and the
 * deadline's abort would never reach the handler.
 */
const pending = new Set<Request>();

/** Headers worth showing on the page; the rest (Date, request id) change on every request. */
const SHOWN_HEADERS =
  /^(content-type|location|link|x-total-count|retry-after|www-authenticate|allow|x-ratelimit-(limit|remaining)|etag|last-modified|cache-control)$/i;

/**
 * Sends an endpoint's example request to a fresh mock API and reports the answer. Endpoints that
 * never answer (`/hang`) are given a short deadline and reported as "no response".
 */
export async function exampleResponse(
  endpoint: EndpointReference,
  timeoutMs = 1000,
): Promise<ExampleResponse> {
  const { handlers } = createMockApi();
  const { method = 'GET', headers = {}, body } = endpoint.example;
  // Not AbortSignal.timeout(): its timer does not keep Node alive, and a build waiting on /hang with
  // nothing else scheduled would simply exit mid-page.
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const request = new Request(endpoint.exampleUrl, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
    pending.add(request);
    const response = await getResponse(handlers, request).finally(() => pending.delete(request));
    if (!response || response.type === 'error')
      return { status: 0, statusText: '', headers: [], body: '' };
    return {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers].filter(([name]) => SHOWN_HEADERS.test(name)),
      body: await response.text(),
    };
  } finally {
    clearTimeout(deadline);
  }
}
