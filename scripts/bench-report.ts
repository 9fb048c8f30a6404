/**
 * The benchmark's results: medians, targets and the printed table. Pure functions, no browser.
 */

export interface Target {
  /** What the median must stay at or under (all our targets are upper bounds). */
  max: number;
  /** The target as people read it, e.g. "≤ 60 KiB". */
  text: string;
}

export interface Metric {
  id: string;
  label: string;
  unit: 'ms' | 'KiB' | 'MB' | 'x' | 'count';
  /** Median of the samples (or the single value). */
  median: number;
  samples: number[];
  target?: Target;
  /** Undefined for metrics reported for context, without a target. */
  pass?: boolean;
}

export function median(samples: number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function metric(
  id: string,
  label: string,
  unit: Metric['unit'],
  samples: number[],
  target?: Target,
): Metric {
  const value = median(samples);
  return {
    id,
    label,
    unit,
    median: value,
    samples,
    target,
    pass: target ? Number.isFinite(value) && value <= target.max : undefined,
  };
}

function format(value: number, unit: Metric['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
    case 'KiB':
      return `${value.toFixed(1)} KiB`;
    case 'MB':
      return `${value.toFixed(2)} MB`;
    case 'x':
      return `${value.toFixed(2)}x`;
    case 'count':
      return String(value);
  }
}

/** A plain-text table: metric, median, spread, target, result. */
export function formatTable(metrics: Metric[]): string {
  const rows = metrics.map((m) => [
    m.label,
    format(m.median, m.unit),
    m.samples.length > 1
      ? `${format(Math.min(...m.samples), m.unit)} – ${format(Math.max(...m.samples), m.unit)} (n=${m.samples.length})`
      : '',
    m.target?.text ?? '',
    m.pass === undefined ? 'info' : m.pass ? 'pass' : 'MISS',
  ]);
  const header = ['metric', 'median', 'range', 'target', 'result'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}
