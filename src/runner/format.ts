/**
 * Turns serialised console values into the text the Console shows (see serialize.ts). Pure string
 * work: the same text comes out in the page, in the worker and in Node.
 */
import { quote } from './quote.ts';
import type { SerializedEntry, SerializedValue } from './serialize.ts';

/** Lines longer than this break into one entry per line, as Node's inspect does at 80 columns. */
const BREAK_LENGTH = 72;

/** The text of one `console.log(...args)` call: args joined by spaces, top-level strings unquoted. */
export function formatConsoleLine(args: SerializedValue[]): string {
  const [first, ...rest] = args;
  if (first?.type === 'string' && first.value.includes('%')) {
    const { text, used } = applyFormatSpecifiers(first.value, rest);
    return [text, ...rest.slice(used).map((arg) => formatSerialized(arg, { top: true }))].join(' ');
  }
  return args.map((arg) => formatSerialized(arg, { top: true })).join(' ');
}

/** `%s %d %i %f %o %O %c %%` as browsers and Node handle them; `%c` (CSS) is consumed silently. */
function applyFormatSpecifiers(
  format: string,
  args: SerializedValue[],
): { text: string; used: number } {
  let used = 0;
  const text = format.replace(/%([sdifoOjc%])/g, (match, letter: string) => {
    if (letter === '%') return '%';
    if (used >= args.length) return match;
    const arg = args[used++]!;
    switch (letter) {
      case 's':
        return formatSerialized(arg, { top: true });
      case 'd':
      case 'i':
        return arg.type === 'number' || arg.type === 'bigint'
          ? letter === 'i'
            ? String(Math.trunc(Number(arg.value.replace(/n$/, ''))))
            : arg.value
          : 'NaN';
      case 'f':
        return arg.type === 'number' ? arg.value : 'NaN';
      case 'c':
        return '';
      default:
        return formatSerialized(arg);
    }
  });
  return { text, used };
}

/** Formats one value; `top` prints a string without quotes, as the first level of a console line. */
export function formatSerialized(value: SerializedValue, { top = false } = {}): string {
  return format(value, 0, top);
}

function format(value: SerializedValue, indent: number, top = false): string {
  switch (value.type) {
    case 'string': {
      const more = value.truncated ? `... ${value.truncated} more characters` : '';
      return top ? value.value + more : quote(value.value) + more;
    }
    case 'number':
    case 'bigint':
      return value.value;
    case 'boolean':
      return String(value.value);
    case 'undefined':
    case 'null':
      return value.type;
    case 'symbol':
      return `Symbol(${value.description})`;
    case 'function':
      if (value.isClass) return `[class ${value.name || '(anonymous)'}]`;
      return `[Function: ${value.name || '(anonymous)'}]`;
    case 'date':
    case 'regexp':
      return value.value;
    case 'promise':
      return 'Promise { <pending> }';
    case 'accessor':
      return value.label;
    case 'circular':
      return '[Circular]';
    case 'too-deep':
      return `[${value.label}]`;
    case 'unserializable':
      return `[unprintable: ${value.reason}]`;
    case 'url':
      return `${value.label} ${quote(value.value)}`;
    case 'array': {
      const items = value.items.map((item) => format(item, indent + 2));
      if (value.length > value.items.length)
        items.push(moreItems(value.length - value.items.length));
      const prefix = value.label ? `${value.label}(${value.length}) ` : '';
      return wrap(prefix, '[', ']', items, indent);
    }
    case 'object': {
      const items = value.entries.map((entry) => formatEntry(entry, indent));
      if (value.omitted > 0) items.push(moreItems(value.omitted));
      return wrap(value.label ? `${value.label} ` : '', '{', '}', items, indent);
    }
    case 'map': {
      const items = value.entries.map(
        ([key, item]) => `${format(key, indent + 2)} => ${format(item, indent + 2)}`,
      );
      if (value.size > value.entries.length)
        items.push(moreItems(value.size - value.entries.length));
      return wrap(`Map(${value.size}) `, '{', '}', items, indent);
    }
    case 'set': {
      const items = value.items.map((item) => format(item, indent + 2));
      if (value.size > value.items.length) items.push(moreItems(value.size - value.items.length));
      return wrap(`Set(${value.size}) `, '{', '}', items, indent);
    }
    case 'headers':
      return wrap('Headers ', '{', '}', headerItems(value.entries), indent);
    case 'request':
      return wrap(
        'Request ',
        '{',
        '}',
        [
          `method: ${quote(value.method)}`,
          `url: ${quote(value.url)}`,
          `headers: ${wrap('Headers ', '{', '}', headerItems(value.headers), indent + 2)}`,
        ],
        indent,
      );
    case 'response':
      return wrap(
        'Response ',
        '{',
        '}',
        [
          `status: ${value.status}`,
          `statusText: ${quote(value.statusText)}`,
          `ok: ${value.ok}`,
          `url: ${quote(value.url)}`,
          `redirected: ${value.redirected}`,
          `bodyUsed: ${value.bodyUsed}`,
          `headers: ${wrap('Headers ', '{', '}', headerItems(value.headers), indent + 2)}`,
        ],
        indent,
      );
    case 'error': {
      const head = value.message ? `${value.name}: ${value.message}` : value.name;
      if (value.entries.length === 0) return head;
      return wrap(
        `${head} `,
        '{',
        '}',
        value.entries.map((entry) => formatEntry(entry, indent)),
        indent,
      );
    }
  }
}

function formatEntry(entry: SerializedEntry, indent: number): string {
  return `${entry.key}: ${format(entry.value, indent + 2)}`;
}

function headerItems(entries: [string, string][]): string[] {
  return entries.map(([name, value]) => `${quote(name)}: ${quote(value)}`);
}

function moreItems(count: number): string {
  return `... ${count} more item${count === 1 ? '' : 's'}`;
}

/** One line when it fits, else one item per line indented by two spaces (Node's layout, simplified). */
function wrap(
  prefix: string,
  open: string,
  close: string,
  items: string[],
  indent: number,
): string {
  if (items.length === 0) return `${prefix}${open}${close}`;
  const oneLine = `${prefix}${open} ${items.join(', ')} ${close}`;
  if (!oneLine.includes('\n') && indent + oneLine.length <= BREAK_LENGTH) return oneLine;
  const pad = ' '.repeat(indent + 2);
  return `${prefix}${open}\n${items.map((item) => pad + item).join(',\n')}\n${' '.repeat(indent)}${close}`;
}

/**
 * The text of `console.table(data)`: a box-drawn table with an "(index)" column, like Node's.
 * Rows that are not objects go in a "Values" column; data that is not a collection prints as a line.
 */
export function formatTable(data: SerializedValue): string {
  const rows = tableRows(data);
  if (!rows) return formatConsoleLine([data]);
  const columns: string[] = [];
  let hasValues = false;
  for (const [, row] of rows) {
    if (row.type === 'object') {
      for (const entry of row.entries) if (!columns.includes(entry.key)) columns.push(entry.key);
    } else hasValues = true;
  }
  const header = ['(index)', ...columns, ...(hasValues ? ['Values'] : [])];
  const body = rows.map(([index, row]) => {
    const cells = columns.map((column) => {
      if (row.type !== 'object') return '';
      const entry = row.entries.find((candidate) => candidate.key === column);
      return entry ? formatCell(entry.value) : '';
    });
    return [index, ...cells, ...(hasValues ? [row.type === 'object' ? '' : formatCell(row)] : [])];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => cells[column]!.length)),
  );
  const line = (cells: string[]) =>
    `│ ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' │ ')} │`;
  const rule = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${right}`;
  return [
    rule('┌', '┬', '┐'),
    line(header),
    rule('├', '┼', '┤'),
    ...body.map(line),
    rule('└', '┴', '┘'),
  ].join('\n');
}

function formatCell(value: SerializedValue): string {
  return format(value, 0).replace(/\s*\n\s*/g, ' ');
}

function tableRows(data: SerializedValue): [string, SerializedValue][] | null {
  if (data.type === 'array') return data.items.map((item, index) => [String(index), item]);
  if (data.type === 'object') return data.entries.map((entry) => [entry.key, entry.value]);
  return null;
}
