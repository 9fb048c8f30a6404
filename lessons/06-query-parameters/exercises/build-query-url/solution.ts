export type QueryValue = string | number | boolean | undefined | null;

export function buildUrl(base: string, params: Record<string, QueryValue | QueryValue[]>): string {
  // URL keeps the base's own query and encodes whatever we append.
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) url.searchParams.append(key, String(item));
    }
  }
  return url.href;
}
