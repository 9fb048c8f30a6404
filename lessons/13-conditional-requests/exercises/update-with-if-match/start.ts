// Exercise: update-with-if-match. Keep the exports: the checks import them by these names.

/** A status that is not ok (other than a 412 that was retried). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The document changed again while the change was being applied a second time. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor() {
    super('The document kept changing: two writes got 412 Precondition Failed');
  }
}

export interface Doc {
  id: number;
  title: string;
  body: string;
  tags: string[];
  updated_at: string;
}

/**
 * GET `url`, apply `edit` to it, and PUT the result with `If-Match: <the ETag read>`.
 * - 200: resolve with the written document (the PUT's JSON body).
 * - 412: read again, call `edit` on the new version, PUT with the new ETag. Once only: a second
 *   412 rejects with `new ConflictError()`.
 * - Any other status that is not ok: reject with `new HttpError(status)`, with no retry.
 * `edit` may return a promise: await it.
 */
export async function updateDocument(
  url: string,
  edit: (current: Doc) => Doc | Promise<Doc>,
): Promise<Doc> {
  // Your code here.
  throw new Error(`updateDocument(${url}) is not written yet (edit is ${typeof edit})`);
}
