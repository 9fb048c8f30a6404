/** The URL for `rel` in a response's Link header, resolved against the response's own URL, or null. */
function linkUrl(response: Response, rel: string): URL | null {
  // One link per comma that starts a new <...>; rel may follow other parameters, in any case.
  for (const part of response.headers.get('Link')?.split(/,(?=\s*<)/) ?? []) {
    const target = /^\s*<([^>]*)>/.exec(part);
    const found = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s";,]+))/i.exec(part);
    const rels = (found?.[1] ?? found?.[2] ?? '').toLowerCase().split(/\s+/);
    if (target && rels.includes(rel)) return new URL(target[1]!, response.url);
  }
  return null;
}

export async function fetchAllPages(firstUrl: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: URL | null = new URL(firstUrl);
  while (next) {
    const response = await fetch(next, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) {
      throw new Error(`GET ${next.href} failed: ${response.status} ${response.statusText}`);
    }
    const page = (await response.json()) as { data: unknown[] };
    items.push(...page.data);
    next = linkUrl(response, 'next');
  }
  return items;
}
