import type { MockHost } from './hosts';
import type { MockState } from './state';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

/** One documented parameter of an endpoint. */
export interface ParamDoc {
  name: string;
  in: 'path' | 'query' | 'header' | 'body';
  required: boolean;
  description: string;
}

/** One status an endpoint can answer with, and when. */
export interface ResponseDoc {
  status: number;
  when: string;
}

/** The request the reference page sends to show a real response (path may carry a query). */
export interface ExampleRequest {
  method?: Exclude<RouteMethod, 'ANY'>;
  path: string;
  headers?: Record<string, string>;
  /** A JSON body, sent with `Content-Type: application/json`. */
  body?: unknown;
}

/** Everything the reference page and the tests know about an endpoint. */
export interface EndpointDoc {
  /** Stable slug, used as the page anchor. */
  id: string;
  /** Heading the endpoint is listed under on the reference page. */
  group: string;
  method: RouteMethod;
  host: MockHost;
  /** OpenAPI-style path: `{name}` marks a path parameter, a trailing `*` any rest of the path. */
  path: string;
  /** One sentence. */
  description: string;
  params: readonly ParamDoc[];
  responses: readonly ResponseDoc[];
  example: ExampleRequest;
}

/** What a route's resolver gets: the request and this run's state. */
export interface RouteContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  state: MockState;
}

/** An endpoint: its documentation and the function that answers it, side by side. */
export interface Route extends EndpointDoc {
  /** Further paths answered the same way, e.g. `/anything/*` beside `/anything`. */
  alsoMatches?: readonly string[];
  resolve(context: RouteContext): Response | Promise<Response>;
}

/** Converts `/users/{id}` to msw's `/users/:id`. */
export function toMswPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
