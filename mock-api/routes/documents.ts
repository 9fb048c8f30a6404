import { readJsonBody } from '../body';
import { evaluatePreconditions, strongEtag } from '../conditional';
import { seedDocuments, type Document } from '../data/documents';
import { API_HOST } from '../hosts';
import { empty, json, problem, type FieldError } from '../respond';
import type { Route, RouteContext } from '../route';
import type { MockState } from '../state';

const group = 'Documents (conditional requests)';
const host = API_HOST;

/** What a GET's answer (and its 304) says about caching: like GitHub's API, fresh for 60 s. */
export const DOCUMENT_CACHE_CONTROL = 'private, max-age=60';

/**
 * The documents of one run, changed by its PUTs. Kept beside the run's state (a WeakMap, so they end
 * with the run) like the Idempotency-Keys of POST /users: two runs, two checks or two local servers
 * never see each other's writes.
 */
const documentsByRun = new WeakMap<MockState, Map<number, Document>>();

function documentsOf(state: MockState): Map<number, Document> {
  let documents = documentsByRun.get(state);
  if (!documents) {
    documents = new Map(seedDocuments.map((doc) => [doc.id, { ...doc, tags: [...doc.tags] }]));
    documentsByRun.set(state, documents);
  }
  return documents;
}

/** The bytes a GET sends for `doc`, and the validators that describe exactly those bytes. */
function representation(doc: Document): { text: string; etag: string; lastModified: number } {
  const text = JSON.stringify(doc, null, 2); // what json() sends
  return { text, etag: strongEtag(text), lastModified: Date.parse(doc.updated_at) };
}

function validators(doc: Document): Record<string, string> {
  const { etag, lastModified } = representation(doc);
  return { ETag: etag, 'Last-Modified': new Date(lastModified).toUTCString() };
}

function findDocument({ params, state }: RouteContext): { doc: Document } | { error: Response } {
  const raw = params.id ?? '';
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    return {
      error: problem(400, {
        type: 'invalid-parameter',
        detail: `Document ids are positive whole numbers, got '${raw}'. Example: /documents/1.`,
        errors: [{ field: 'id', message: 'must be a positive whole number' }],
      }),
    };
  }
  const doc = documentsOf(state).get(Number(raw));
  return doc
    ? { doc }
    : { error: problem(404, { detail: `There is no document ${raw}. Documents 1 to 3 exist.` }) };
}

function preconditionFailed(request: Request, doc: Document): Response {
  const sent = ['If-Match', 'If-Unmodified-Since', 'If-None-Match']
    .filter((name) => request.headers.has(name))
    .map((name) => `${name}: ${request.headers.get(name)}`)
    .join(', ');
  return problem(412, {
    type: 'precondition-failed',
    detail: `Document ${doc.id} is not in the state your request names (${sent}): someone changed it since you read it, so nothing was written. GET it again, apply your change to what it is now, and send the PUT with the new ETag in If-Match.`,
  });
}

/** Checks a PUT body: title and body are required strings, tags an optional list of strings. */
function validate(body: unknown): {
  input?: Omit<Document, 'id' | 'updated_at'>;
  errors: FieldError[];
} {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { errors: [{ field: 'body', message: 'must be a JSON object' }] };
  }
  const record = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof record.title !== 'string' || record.title.trim() === '')
    errors.push({ field: 'title', message: 'is required: a non-empty string' });
  else if (record.title.length > 200)
    errors.push({ field: 'title', message: 'must be at most 200 characters' });
  if (typeof record.body !== 'string')
    errors.push({ field: 'body', message: 'is required: a string' });
  else if (record.body.length > 10_000)
    errors.push({ field: 'body', message: 'must be at most 10000 characters' });
  const tags = record.tags ?? [];
  if (!Array.isArray(tags) || tags.length > 20 || !tags.every((tag) => typeof tag === 'string'))
    errors.push({ field: 'tags', message: 'must be a list of at most 20 strings' });
  if (errors.length > 0) return { errors };
  return {
    input: { title: record.title as string, body: record.body as string, tags: tags as string[] },
    errors,
  };
}

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The document id: 1, 2 or 3.',
} as const;

export const documentRoutes: Route[] = [
  {
    id: 'get-document',
    group,
    method: 'GET',
    host,
    path: '/documents/{id}',
    description: `One document, with a strong ETag (a hash of exactly these bytes), Last-Modified and Cache-Control: ${DOCUMENT_CACHE_CONTROL}. A conditional GET whose validator still matches gets 304 Not Modified, with no body.`,
    params: [
      idParam,
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description:
          'ETags from earlier answers (or *). If one matches the current ETag (weak comparison): 304.',
      },
      {
        name: 'If-Modified-Since',
        in: 'header',
        required: false,
        description:
          'An HTTP date, used only without If-None-Match. Not changed since then (in whole seconds): 304.',
      },
    ],
    responses: [
      { status: 200, when: 'The document, with ETag, Last-Modified and Cache-Control.' },
      {
        status: 304,
        when: 'If-None-Match matches the current ETag, or (without it) If-Modified-Since is not older than Last-Modified. No body; ETag and Cache-Control are sent again.',
      },
      { status: 400, when: 'The id is not a positive whole number.' },
      { status: 404, when: 'No such document.' },
      { status: 412, when: 'An If-Match or If-Unmodified-Since on the GET does not hold.' },
    ],
    example: { path: '/documents/1' },
    resolve(context) {
      const found = findDocument(context);
      if ('error' in found) return found.error;
      const { doc } = found;
      const { etag, lastModified } = representation(doc);
      const outcome = evaluatePreconditions(context.request, { etag, lastModified });
      if (outcome === 'failed') return preconditionFailed(context.request, doc);
      // RFC 9110 §15.4.5: a 304 carries the ETag and Cache-Control a 200 would have carried.
      if (outcome === 'not-modified')
        return empty(304, { ETag: etag, 'Cache-Control': DOCUMENT_CACHE_CONTROL });
      return json(doc, 200, { ...validators(doc), 'Cache-Control': DOCUMENT_CACHE_CONTROL });
    },
  },
  {
    id: 'replace-document',
    group,
    method: 'PUT',
    host,
    path: '/documents/{id}',
    description:
      'Replaces a document’s title, body and tags. With If-Match it writes only if nobody changed the document since you read it (412 otherwise); without it, the last write wins.',
    params: [
      idParam,
      {
        name: 'If-Match',
        in: 'header',
        required: false,
        description:
          'The ETag you read (or *). Written only if it is still the current ETag (strong comparison); 412 otherwise.',
      },
      {
        name: 'If-Unmodified-Since',
        in: 'header',
        required: false,
        description:
          'An HTTP date, used only without If-Match: 412 if the document changed after it.',
      },
      { name: 'title', in: 'body', required: true, description: '1 to 200 characters.' },
      { name: 'body', in: 'body', required: true, description: 'The text, a string.' },
      {
        name: 'tags',
        in: 'body',
        required: false,
        description: 'A list of strings (default []). id and updated_at are ignored.',
      },
    ],
    responses: [
      {
        status: 200,
        when: 'Written (or already so: a PUT that changes nothing keeps the ETag); the body is the document, with its new ETag and Last-Modified.',
      },
      { status: 400, when: 'The body is not JSON, or the id is not a positive whole number.' },
      { status: 404, when: 'No such document.' },
      {
        status: 412,
        when: 'If-Match does not match the current ETag (or If-Unmodified-Since is older than the last change): nothing was written.',
      },
      { status: 415, when: 'The Content-Type is not application/json.' },
      { status: 422, when: 'A field is missing or invalid.' },
    ],
    example: {
      method: 'PUT',
      path: '/documents/3',
      headers: { 'If-Match': representation(seedDocuments[2]!).etag },
      body: { title: 'Team lunch', body: 'Friday at noon, the usual place.', tags: ['social'] },
    },
    async resolve(context) {
      const found = findDocument(context);
      if ('error' in found) return found.error;
      const { doc } = found;
      const { etag, lastModified } = representation(doc);
      if (evaluatePreconditions(context.request, { etag, lastModified }) !== 'proceed')
        return preconditionFailed(context.request, doc);
      const read = await readJsonBody(context.request);
      if ('error' in read) return read.error;
      const { input, errors } = validate(read.value);
      if (!input) {
        const list = errors.map((error) => `${error.field} ${error.message}`).join('; ');
        return problem(422, {
          type: 'validation-failed',
          detail: `The document is not valid: ${list}.`,
          errors,
        });
      }
      const unchanged =
        input.title === doc.title &&
        input.body === doc.body &&
        JSON.stringify(input.tags) === JSON.stringify(doc.tags);
      if (!unchanged) {
        // Last-Modified never goes backwards, even on a machine whose clock is behind the seed.
        const changedAt = Math.max(
          Math.floor(context.state.now() / 1000) * 1000,
          Date.parse(doc.updated_at),
        );
        Object.assign(doc, input, {
          updated_at: new Date(changedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        });
      }
      return json(doc, 200, validators(doc));
    },
  },
];
