/**
 * Compares an example's actual output with the expected output written in its lesson.
 *
 * The wildcard: `…` (U+2026, HORIZONTAL ELLIPSIS) in an expected line matches any text, including
 * none, within that one line. Use it for the parts that change from run to run: durations
 * (`took … ms`), dates, request ids. It never spans lines, so the number of lines must match.
 * Readers see the same `…` in the collapsed "Expected output" and read it as "something here".
 *
 * Trailing spaces on each line and blank lines at the end are ignored on both sides.
 */
export const WILDCARD = '…';

/** An output's lines, without trailing spaces and without blank lines at the end. */
export function normalise(text: string): string[] {
  const lines = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `actual` is one line that `expected` (possibly with `…` wildcards) describes. */
export function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes(WILDCARD)) return expected === actual;
  const pattern = expected.split(WILDCARD).map(escapeRegExp).join('.*');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

/** null when the outputs match; otherwise a readable line-by-line diff. */
export function diffOutput(expected: string, actual: string): string | null {
  const want = normalise(expected);
  const got = normalise(actual);
  const rows: string[] = [];
  let mismatches = 0;
  for (let i = 0; i < Math.max(want.length, got.length); i += 1) {
    const w = want[i];
    const g = got[i];
    if (w !== undefined && g !== undefined && lineMatches(w, g)) {
      rows.push(`    ${g}`);
      continue;
    }
    mismatches += 1;
    if (w !== undefined) rows.push(`  - ${w}`);
    if (g !== undefined) rows.push(`  + ${g}`);
  }
  if (mismatches === 0) return null;
  const counts =
    want.length === got.length ? '' : ` (expected ${want.length} lines, got ${got.length})`;
  return [`${mismatches} line(s) differ${counts}; - expected, + actual:`, ...rows].join('\n');
}
