/** Its own module so serialize.ts (values) and format.ts (their text) need not import each other. */

/** Quotes a string the way Node does: single quotes unless the text contains them and no double. */
export function quote(text: string): string {
  const mark = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replaceAll(mark, `\\${mark}`);
  return `${mark}${escaped}${mark}`;
}
