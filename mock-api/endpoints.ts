import { DOWN_HOST, localUrlFromVirtual } from './hosts';
import type { EndpointDoc, ExampleRequest } from './route';
import { routes } from './routes';

/** An endpoint's documentation plus its example as a curl line against the local server. */
export interface EndpointReference extends EndpointDoc {
  /** The example's full virtual URL, e.g. `https://api.example.com/users/42`. */
  exampleUrl: string;
  /** The example as a curl command for `npm run mock-api` on its default port. */
  curl: string;
}

/** Commands for a shell; JSON bodies never contain single quotes here. */
function curlFor(host: string, example: ExampleRequest, slowToAnswer: boolean): string {
  const parts = ['curl', '-i'];
  if (slowToAnswer) parts.push('--max-time', '3');
  if (example.method && example.method !== 'GET') parts.push('-X', example.method);
  for (const [name, value] of Object.entries(example.headers ?? {}))
    parts.push('-H', `'${name}: ${value}'`);
  if (example.body !== undefined) {
    parts.push('-H', `'Content-Type: application/json'`, '-d', `'${JSON.stringify(example.body)}'`);
  }
  parts.push(`'${localUrlFromVirtual(host + example.path)}'`);
  return parts.join(' ');
}

/**
 * Every endpoint's documentation, in reference-page order. Derived from the same route objects the
 * handlers are built from, so a new endpoint appears here (and on the page) by construction.
 */
export const endpoints: readonly EndpointReference[] = routes.map(
  ({ resolve: _resolve, alsoMatches: _also, ...doc }) => ({
    ...doc,
    exampleUrl: doc.host + doc.example.path,
    curl: curlFor(doc.host, doc.example, doc.id === 'hang' || doc.host === DOWN_HOST),
  }),
);
