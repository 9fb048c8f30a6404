/**
 * The URL slug of a lesson from its file path: `03-response-errors/index.mdx` → `response-errors`.
 * The numeric prefix only keeps folders sorted on disk; `order` in frontmatter decides the course order.
 */
export function lessonSlug(entryPath: string): string {
  const folder = entryPath.split('/')[0] ?? entryPath;
  return folder.replace(/^\d+-/, '');
}
