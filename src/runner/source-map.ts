/**
 * Just enough of the Source Map v3 format to turn a line in compiled code back into a line in the
 * reader's TypeScript: esbuild drops type declarations and adds helpers, so the lines move.
 */
import type { SourcePosition } from './protocol.ts';

/** One decoded segment: generated column → original line/column (all 0-based). */
interface Segment {
  generatedColumn: number;
  originalLine: number;
  originalColumn: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`Invalid base64 character "${char}" in source map mappings.`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Decoded mappings, one array of segments per generated line. */
export function decodeMappings(mappings: string): Segment[][] {
  let originalLine = 0;
  let originalColumn = 0;
  let source = 0;
  return mappings.split(';').map((line) => {
    let generatedColumn = 0;
    const segments: Segment[] = [];
    for (const part of line.split(',')) {
      if (!part) continue;
      const fields = decodeVlq(part);
      generatedColumn += fields[0]!;
      if (fields.length >= 4) {
        source += fields[1]!;
        originalLine += fields[2]!;
        originalColumn += fields[3]!;
        segments.push({ generatedColumn, originalLine, originalColumn });
      }
    }
    void source;
    return segments;
  });
}

export class SourceMapLookup {
  readonly #lines: Segment[][];

  constructor(sourceMapJson: string) {
    const map = JSON.parse(sourceMapJson) as { mappings?: unknown };
    this.#lines = typeof map.mappings === 'string' ? decodeMappings(map.mappings) : [];
  }

  /**
   * The reader's position for a 1-based generated line and column, or null when that line is
   * compiler-added code (helpers) with no original.
   */
  originalPosition(line: number, column: number): SourcePosition | null {
    const segments = this.#lines[line - 1];
    if (!segments || segments.length === 0) return null;
    let best = segments[0]!;
    for (const segment of segments) {
      if (segment.generatedColumn <= column - 1) best = segment;
      else break;
    }
    return { line: best.originalLine + 1, column: best.originalColumn + 1 };
  }
}

/**
 * Finds the first stack frame that points into the compiled module at `moduleUrl` and maps it back
 * to the reader's code. V8 frames look like `at fn (blob:https://host/uuid:12:5)` or `blob:...:12:5`.
 */
export function positionFromStack(
  stack: string,
  moduleUrl: string,
  lookup: SourceMapLookup,
): SourcePosition | null {
  for (const line of stack.split('\n')) {
    const at = line.lastIndexOf(moduleUrl);
    if (at < 0) continue;
    const match = /^:(\d+):(\d+)/.exec(line.slice(at + moduleUrl.length));
    if (!match) continue;
    const position = lookup.originalPosition(Number(match[1]), Number(match[2]));
    if (position) return position;
  }
  return null;
}
