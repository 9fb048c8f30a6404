/**
 * Turns a line in compiled code back into a line in the reader's TypeScript: esbuild drops type
 * declarations and adds helpers, so the lines move. Decoding is @jridgewell/trace-mapping's.
 */
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { SourcePosition } from './protocol.ts';

/** The file name the compiler gives the reader's code (compile.ts `SOURCE_FILE`). */
const READER_SOURCE = 'example.ts';

export class SourceMapLookup {
  readonly #map: TraceMap | null;

  constructor(sourceMapJson: string) {
    let map: TraceMap | null;
    try {
      map = new TraceMap(sourceMapJson);
    } catch {
      map = null; // no usable map: errors are shown without a line
    }
    this.#map = map;
  }

  /**
   * The reader's position for a 1-based generated line and column, or null when that code has no
   * original in the reader's file (compiler helpers, another source).
   */
  originalPosition(line: number, column: number): SourcePosition | null {
    if (!this.#map) return null;
    const found = originalPositionFor(this.#map, { line, column: Math.max(0, column - 1) });
    const fromReader = found.source === null || found.source.endsWith(READER_SOURCE);
    if (found.line === null || found.column === null || !fromReader) return null;
    return { line: found.line, column: found.column + 1 };
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
