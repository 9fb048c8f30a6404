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

/** The comment lines a file opens with (`// …`, or a `/* … *\/` block), before any code. */
function headerOf(lines: string[]): string[] {
  const header: string[] = [];
  let inBlock = false;
  for (const line of lines) {
    const text = line.trim();
    if (inBlock) {
      header.push(line);
      if (text.includes('*/')) inBlock = false;
    } else if (text.startsWith('//')) header.push(line);
    else if (text.startsWith('/*')) {
      header.push(line);
      inBlock = !text.includes('*/');
    } else break;
  }
  return header;
}

/**
 * `starter`: the exercise's starter code. Its opening comment ("// Exercise: fetch-user. Keep every
 * export…") is an instruction, not part of an answer: when the learner's code still opens with it
 * and the solution does not, those lines are shown as unchanged context, not as differences.
 */
export function lineDiff(mine: string, theirs: string, starter = ''): DiffLine[] {
  const same = (x: string, y: string) => x.trimEnd() === y.trimEnd();
  let a = mine.replace(/\s+$/, '').split('\n');
  const b = theirs.replace(/\s+$/, '').split('\n');
  const header = headerOf(starter.split('\n'));
  const instructions: DiffLine[] = [];
  // Only the lines the learner kept from the starter's header, in order, at the top of their code.
  while (
    a.length > 0 &&
    instructions.length < header.length &&
    same(a[0]!, header[instructions.length]!) &&
    !same(a[0]!, b[0] ?? '')
  ) {
    instructions.push({ kind: 'same', text: a[0]! });
    a = a.slice(1);
  }
  return [...instructions, ...diffLines(a, b, same)];
}

function diffLines(a: string[], b: string[], same: (x: string, y: string) => boolean): DiffLine[] {
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
