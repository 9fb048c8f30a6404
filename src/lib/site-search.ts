/** A thin wrapper over Pagefind's JS API: https://pagefind.app/docs/api/ */
export interface SearchHit {
  url: string;
  title: string;
  excerpt: string;
}

interface PagefindResult {
  data(): Promise<{ url: string; meta: { title?: string }; excerpt: string }>;
}
interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] } | null>;
  options(options: { baseUrl: string }): Promise<void>;
}

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  // The index exists only in the built site, so Vite must not try to resolve it at build time.
  pagefind ??= import(/* @vite-ignore */ `${base}/pagefind/pagefind.js`) as Promise<Pagefind>;
  return pagefind;
}

/** Pagefind excerpts mark matches with <mark>; we render text only, so strip every tag. */
function plainText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.body.textContent ?? '';
}

export async function searchLessons(query: string, limit = 8): Promise<SearchHit[]> {
  const api = await loadPagefind();
  const response = await api.search(query);
  if (!response) return [];
  const data = await Promise.all(response.results.slice(0, limit).map((result) => result.data()));
  return data.map((item) => ({
    url: item.url.replace(/\.html$/, '').replace(/\/index$/, '/'),
    title: item.meta.title?.replace(/ · HTTP Clients and API Calls$/, '') ?? item.url,
    excerpt: plainText(item.excerpt),
  }));
}
