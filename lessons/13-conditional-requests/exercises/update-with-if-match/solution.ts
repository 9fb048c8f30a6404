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

export async function updateDocument(
  url: string,
  edit: (current: Doc) => Doc | Promise<Doc>,
): Promise<Doc> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const read = await fetch(url);
    if (!read.ok) {
      await read.body?.cancel();
      throw new HttpError(read.status);
    }
    const etag = read.headers.get('ETag') ?? '*';
    const next = await edit((await read.json()) as Doc); // the merge: the edit, on this version
    const written = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'If-Match': etag },
      body: JSON.stringify(next),
    });
    if (written.ok) return (await written.json()) as Doc;
    await written.body?.cancel();
    if (written.status !== 412) throw new HttpError(written.status);
    // 412: someone wrote since our read, and nothing of ours was written. Read again.
  }
  throw new ConflictError();
}
