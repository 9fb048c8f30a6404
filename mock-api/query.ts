import type { FieldError } from './respond';

/**
 * Reads an integer query parameter. A bad value is reported, never silently replaced by the default:
 * a client sending `per_page=500` should learn that, not get 20 rows and wonder why.
 */
export function intParam(
  url: URL,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
  errors: FieldError[],
): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    errors.push({
      field: name,
      message: `must be a whole number from ${min} to ${max}, got '${raw}'`,
    });
    return fallback;
  }
  return Number(raw);
}

/** Reads a query parameter that must be one of `allowed`, or absent. */
export function enumParam<T extends string>(
  url: URL,
  name: string,
  allowed: readonly T[],
  errors: FieldError[],
): T | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    errors.push({ field: name, message: `must be one of ${allowed.join(', ')}, got '${raw}'` });
    return undefined;
  }
  return raw as T;
}

/** One page of a list, with the `Link` and `X-Total-Count` headers that describe the rest. */
export function paginate<T>(
  url: URL,
  items: readonly T[],
  page: number,
  perPage: number,
): {
  body: { page: number; per_page: number; total: number; total_pages: number; data: T[] };
  headers: Record<string, string>;
} {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const linkTo = (target: number) => {
    const next = new URL(url);
    next.searchParams.set('page', String(target));
    next.searchParams.set('per_page', String(perPage));
    return next.href;
  };
  const links = [[1, 'first']] as [number, string][];
  if (page > 1) links.push([Math.min(page - 1, totalPages), 'prev']);
  if (page < totalPages) links.push([page + 1, 'next']);
  links.push([totalPages, 'last']);
  return {
    body: {
      page,
      per_page: perPage,
      total: items.length,
      total_pages: totalPages,
      data: items.slice((page - 1) * perPage, page * perPage),
    },
    headers: {
      Link: links.map(([target, rel]) => `<${linkTo(target)}>; rel="${rel}"`).join(', '),
      'X-Total-Count': String(items.length),
    },
  };
}
