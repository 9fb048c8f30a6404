/**
 * The header's search box (SiteSearch.astro): shows it, searches as the reader types, and moves
 * between results with the arrow keys.
 */
import { searchLessons } from '../lib/site-search.ts';

export function startSiteSearch(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-site-search]')) {
    const input = root.querySelector('input')!;
    const form = root.querySelector('form')!;
    const results = root.querySelector<HTMLElement>('[data-results]')!;
    const status = root.querySelector<HTMLElement>('[data-status]')!;
    const list = root.querySelector<HTMLUListElement>('[data-list]')!;
    root.hidden = false;
    let latest = 0;

    const render = async () => {
      const query = input.value.trim();
      const ticket = ++latest;
      if (query.length < 2) {
        results.hidden = true;
        list.replaceChildren();
        return;
      }
      try {
        const found = await searchLessons(query);
        if (ticket !== latest) return;
        list.replaceChildren(
          ...found.map((hit) => {
            const item = document.createElement('li');
            const link = document.createElement('a');
            link.href = hit.url;
            link.textContent = hit.title;
            const excerpt = document.createElement('p');
            excerpt.textContent = hit.excerpt;
            item.append(link, excerpt);
            return item;
          }),
        );
        status.textContent =
          found.length === 0
            ? `No lessons mention “${query}”. Try a shorter or different word.`
            : `${found.length} ${found.length === 1 ? 'result' : 'results'} for “${query}”`;
      } catch {
        status.textContent =
          'Search is unavailable: the search index did not load. Build the site with `npm run build` to create it.';
        list.replaceChildren();
      }
      results.hidden = false;
    };

    input.addEventListener('input', render);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      list.querySelector('a')?.focus();
    });
    // ArrowDown from the box goes to the first result (Enter then opens it); the arrows move
    // between results, and ArrowUp from the first one goes back to the box.
    root.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const links = [...list.querySelectorAll('a')];
        if (results.hidden || links.length === 0) return;
        const at = links.indexOf(document.activeElement as HTMLAnchorElement);
        const next = event.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : at - 1;
        event.preventDefault();
        (next < 0 ? input : links[next]!).focus();
        return;
      }
      if (event.key === 'Escape') {
        input.value = '';
        results.hidden = true;
        input.focus();
      }
    });
    document.addEventListener('click', (event) => {
      if (!root.contains(event.target as Node)) results.hidden = true;
    });
  }
}
