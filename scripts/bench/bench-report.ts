/**
 * The benchmark's results: medians, targets and the printed table (pure functions), and the types
 * the phases share.
 */
import type { Browser } from '@playwright/test';
import type { SiteInfo } from './bench-site.ts';

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

/** A "stay at or under" target. */
export function upTo(max: number, text: string): Target {
  return { max, text };
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Progress goes to stderr, so stdout holds only the report. */
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** What every phase gets: the browser, the site, the lesson URL and how many samples to take. */
export interface BenchSettings {
  browser: Browser;
  site: SiteInfo;
  url: string;
  /** Page loads per measurement (each in a fresh context, i.e. an empty HTTP cache). */
  loads: number;
  /** Runs in the many-runs phase (heap and workers are read after 10 and after this many). */
  runs: number;
}

/** A phase's rows for the table, and anything else worth keeping in the JSON. */
export interface Phase {
  metrics: Metric[];
  details: Record<string, unknown>;
}
