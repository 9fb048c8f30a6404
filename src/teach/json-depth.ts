/**
 * How deep a parsed JSON value nests, measured without recursion (a hostile file may nest thousands
 * of arrays, and recursive readers such as zod or JSON.stringify overflow the stack on it). Stops as
 * soon as the limit is passed, so a huge value costs no more than the part it walks.
 */

/** True when `value` nests arrays or objects deeper than `limit` (a scalar has depth 0). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
