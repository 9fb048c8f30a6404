/**
 * A line diff for "Show solution": the learner's code beside the solution, with what differs marked,
 * so the learner compares instead of copying over their own work. Longest common subsequence on
 * lines; exercises are a few dozen lines, so the quadratic table is small.
 */
export type DiffLine =
  | { kind: 'same'; text: string }
  /** Only in the learner's code. */
  | { kind: 'removed'; text: string }
  /** Only in the solution. */
  | { kind: 'added'; text: string };

export function lineDiff(mine: string, theirs: string): DiffLine[] {
  const a = mine.replace(/\s+$/, '').split('\n');
  const b = theirs.replace(/\s+$/, '').split('\n');
  const same = (x: string, y: string) => x.trimEnd() === y.trimEnd();
  // lengths[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = same(a[i]!, b[j]!)
        ? lengths[i + 1]![j + 1]! + 1
        : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (same(a[i]!, b[j]!)) {
      lines.push({ kind: 'same', text: b[j]! });
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) {
      lines.push({ kind: 'removed', text: a[i++]! });
    } else {
      lines.push({ kind: 'added', text: b[j++]! });
    }
  }
  while (i < a.length) lines.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) lines.push({ kind: 'added', text: b[j++]! });
  return lines;
}
