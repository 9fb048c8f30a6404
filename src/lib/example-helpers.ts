/**
 * Helper blocks: a lesson shows a block of helpers once, and later runnable examples reuse it folded.
 *
 * ````mdx
 * ```ts helpers id="retry-helpers" title="The retry helpers"
 * function backoffMs(...) { ... }
 * ```
 *
 * ```ts run id="retry-a-flaky-api" title="Retry a flaky API" uses="retry-helpers"
 * const response = await fetchWithRetry(...);
 * ```
 * ````
 *
 * The helpers fence renders as a plain highlighted block. Each `uses=` example still runs on its own:
 * its code (what Run compiles, what Reset restores, what the lesson check runs and the build
 * precompiles) is the helpers inside a `// #region helpers from above` marker, then its own lines; the
 * editor opens that region folded, and the page's static code shows one comment line in its place.
 * The build (src/lib/remark-live-examples.ts) and the lesson check (scripts/lesson-checks/check-lessons-extract.ts)
 * both compose through this module, so they cannot disagree.
 */

/** The first line of the folded region: the editor folds a region that starts with it. */
export const HELPERS_REGION_START = '// #region helpers from above';
const HELPERS_REGION_END = '// #endregion';

export interface HelperBlock {
  id: string;
  title: string;
  code: string;
}

/** The ids a `uses="a b"` meta names, in order. */
export function usedHelperIds(uses: string | undefined): string[] {
  return (uses ?? '').split(/[\s,]+/).filter(Boolean);
}

/** Names the helpers declare at the top level (functions, classes, constants, types), for the fold line. */
export function declaredNames(code: string): string[] {
  const names = code.matchAll(
    /^(?:export\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm,
  );
  return [...new Set([...names].map((match) => match[1]!))];
}

/** The code an example runs: its helpers in one folded region, then its own lines. */
export function composeExample(body: string, helpers: readonly HelperBlock[]): string {
  if (helpers.length === 0) return body;
  const titles = helpers.map((helper) => `"${helper.title}"`).join(', ');
  return [
    `${HELPERS_REGION_START}: ${titles}`,
    ...helpers.map((helper) => helper.code),
    HELPERS_REGION_END,
    '',
    body,
  ].join('\n');
}

/** What the page shows without the editor: one comment line standing for the folded helpers. */
export function foldedDisplay(body: string, helpers: readonly HelperBlock[]): string {
  if (helpers.length === 0) return body;
  const names = helpers.flatMap((helper) => declaredNames(helper.code));
  const titles = helpers.map((helper) => `"${helper.title}"`).join(', ');
  return `// Helpers from above (${titles}), folded: ${names.join(', ')}\n\n${body}`;
}

/**
 * The helper blocks `uses` names, from those seen so far in the lesson, or an Error naming the
 * missing id and how to fix it.
 */
export function resolveHelpers(
  uses: string | undefined,
  known: ReadonlyMap<string, HelperBlock>,
  where: string,
): HelperBlock[] {
  return usedHelperIds(uses).map((id) => {
    const helper = known.get(id);
    if (!helper) {
      const ids = [...known.keys()];
      throw new Error(
        `${where}: uses="${id}" names no helpers block above it in this lesson${ids.length ? ` (known: ${ids.join(', ')})` : ''}. Write \`\`\`ts helpers id="${id}" title="..."\`\`\` before this example.`,
      );
    }
    return helper;
  });
}
