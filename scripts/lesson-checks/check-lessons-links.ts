/**
 * Checks the root-relative links in lessons: `/lessons/<slug>/` must name a lesson folder (slug =
 * folder name without its numeric prefix), any other path a page in src/pages, and a `#fragment` on
 * a lesson link one of that lesson's headings (ids as Astro makes them, GitHub-style).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LessonSource } from './check-lessons-extract.ts';

const pagesRoot = join(import.meta.dirname, '..', '..', 'src', 'pages');

/** Heading text → id, as github-slugger (used by Astro) does for the headings we write. */
export function headingId(text: string): string {
  return text
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** Static routes from src/pages (`mock-api.astro` or `mock-api/index.astro` → `/mock-api/`). */
export function staticRoutes(root = pagesRoot): Set<string> {
  const routes = new Set<string>(['/']);
  const walk = (dir: string, prefix: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else {
        const name = entry.name.replace(/\.(astro|md|mdx|ts|js)$/, '');
        if (name.includes('[')) continue;
        routes.add(name === 'index' ? prefix || '/' : `${prefix}${name}/`);
      }
    }
  };
  walk(root, '/');
  return routes;
}

/** One message per broken link, naming the lesson, the line and the link. */
export function checkLinks(lessons: LessonSource[], routes = staticRoutes()): string[] {
  const bySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
  const problems: string[] = [];
  for (const lesson of lessons) {
    for (const { href, line } of lesson.links) {
      const [path = '', fragment] = href.split('#');
      const where = `${lesson.folder}/index.mdx line ${line}: link ${href}`;
      const lessonMatch = /^\/lessons\/([^/]+)\/?$/.exec(path);
      if (lessonMatch) {
        const target = bySlug.get(lessonMatch[1]!);
        if (!target) {
          problems.push(`${where} names no lesson (slugs: ${[...bySlug.keys()].join(', ')})`);
        } else if (!path.endsWith('/')) {
          problems.push(`${where} should end with a slash: /lessons/${target.slug}/`);
        } else if (fragment && !target.headings.map(headingId).includes(fragment)) {
          problems.push(`${where}: "${target.folder}" has no heading with the id "${fragment}"`);
        }
        continue;
      }
      const normalised = path.endsWith('/') ? path : `${path}/`;
      if (!routes.has(normalised)) problems.push(`${where} is not a page of the site`);
    }
  }
  return problems;
}
