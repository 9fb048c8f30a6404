/**
 * Conditional requests as RFC 9110 §13 defines them: entity tags, their two comparisons, and the
 * order in which a server evaluates `If-Match`, `If-Unmodified-Since`, `If-None-Match` and
 * `If-Modified-Since`. Pure functions, no state: the routes that use them keep their own.
 */

/** One entity tag as sent in a header: `"abc"` (strong) or `W/"abc"` (weak). */
export interface EntityTag {
  weak: boolean;
  /** The opaque part, without the quotes. */
  opaque: string;
}

/** A strong ETag for exactly these bytes: FNV-1a over the text, as 8 hex digits, quoted. */
export function strongEtag(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return `"${(hash >>> 0).toString(16).padStart(8, '0')}"`;
}

/**
 * The tags of an `If-Match` / `If-None-Match` value, `'*'` for the wildcard, or undefined when the
 * value is not a comma-separated list of quoted tags (then no tag matches: `abc` without its quotes
 * is not the tag `"abc"`).
 */
export function parseEtagList(value: string): EntityTag[] | '*' | undefined {
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  const tags: EntityTag[] = [];
  const pattern = /\s*(W\/)?"([^"]*)"\s*(?:,|$)/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < trimmed.length && (match = pattern.exec(trimmed))) {
    tags.push({ weak: Boolean(match[1]), opaque: match[2]! });
  }
  return pattern.lastIndex === trimmed.length && tags.length > 0 ? tags : undefined;
}

function parseTag(etag: string): EntityTag {
  const [tag] = parseEtagList(etag) as EntityTag[];
  return tag!;
}

/** Strong comparison (for `If-Match`): both strong, same opaque part. */
export function strongMatch(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque;
}

/** Weak comparison (for `If-None-Match`): same opaque part, `W/` or not. */
export function weakMatch(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque;
}

/** An HTTP-date in milliseconds, or undefined when the value is not one. */
function httpDate(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** What the preconditions decided: go on with the method, or answer 304 or 412 instead. */
export type Precondition = 'proceed' | 'not-modified' | 'failed';

/** The state of the target resource the preconditions are evaluated against. */
export interface Selected {
  /** The current representation's ETag, or undefined when there is none (the resource is absent). */
  etag: string | undefined;
  /** Last-Modified, in epoch milliseconds. */
  lastModified: number | undefined;
}

const whole = (ms: number) => Math.floor(ms / 1000);

/**
 * Evaluates a request's preconditions in RFC 9110 §13.2.2's order:
 * 1. `If-Match` (strong comparison; `*` matches any current representation): false → 412.
 * 2. Only without `If-Match`: `If-Unmodified-Since`, modified after that date → 412.
 * 3. `If-None-Match` (weak comparison; `*` matches any): a match → 304 for GET and HEAD, else 412.
 * 4. Only without `If-None-Match`, for GET and HEAD: `If-Modified-Since`, not modified after that
 *    date → 304.
 * Dates compare in whole seconds, the precision of an HTTP-date; an invalid date is ignored.
 */
export function evaluatePreconditions(request: Request, selected: Selected): Precondition {
  const headers = request.headers;
  const safe = request.method === 'GET' || request.method === 'HEAD';
  const current = selected.etag === undefined ? undefined : parseTag(selected.etag);

  const ifMatch = headers.get('If-Match');
  if (ifMatch !== null) {
    const tags = parseEtagList(ifMatch);
    const holds =
      current !== undefined &&
      (tags === '*' || (tags ?? []).some((tag) => strongMatch(tag, current)));
    if (!holds) return 'failed';
  } else {
    const since = httpDate(headers.get('If-Unmodified-Since'));
    if (since !== undefined && selected.lastModified !== undefined) {
      if (whole(selected.lastModified) > whole(since)) return 'failed';
    }
  }

  const ifNoneMatch = headers.get('If-None-Match');
  if (ifNoneMatch !== null) {
    const tags = parseEtagList(ifNoneMatch);
    const matches =
      current !== undefined &&
      (tags === '*' || (tags ?? []).some((tag) => weakMatch(tag, current)));
    if (matches) return safe ? 'not-modified' : 'failed';
  } else if (safe) {
    const since = httpDate(headers.get('If-Modified-Since'));
    if (since !== undefined && selected.lastModified !== undefined) {
      if (whole(selected.lastModified) <= whole(since)) return 'not-modified';
    }
  }
  return 'proceed';
}
