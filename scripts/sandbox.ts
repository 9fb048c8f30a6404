/**
 * `npm run sandbox -- <file.ts> [--scenario ID] [--seed N] [--clock real|virtual] [--time-limit MS] [--json]`
 *
 * Compiles and runs a TypeScript file through the sandbox's Node host, exactly as a live example runs
 * in the browser. Prints the Console as the site shows it, then the network rows; with --json, only
 * the run record (src/runner/run-record.schema.json). Exit code: 0 when the outcome is `finished`,
 * 1 for any other outcome, 2 for a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isScenarioId, scenarios, DEFAULT_SEED } from '../mock-api/index.ts';
import { CLOCK_KINDS, type ClockKind } from '../src/runner/clock.ts';
import { createNodeRunner } from '../src/runner/node/node-host.ts';
import type { RunRecord } from '../src/runner/run-record.ts';
import { DEFAULT_TIME_LIMIT_MS } from '../src/runner/runner.ts';

const USAGE =
  'Usage: npm run sandbox -- <file.ts> [--scenario ID] [--seed N] [--clock real|virtual] [--time-limit MS] [--json]';

class UsageError extends Error {}

interface Options {
  file: string;
  scenario: string;
  seed: number;
  clock: ClockKind;
  timeLimitMs: number;
  json: boolean;
}

export function parseOptions(args: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        scenario: { type: 'string', default: 'normal' },
        seed: { type: 'string', default: String(DEFAULT_SEED) },
        clock: { type: 'string', default: 'real' },
        'time-limit': { type: 'string', default: String(DEFAULT_TIME_LIMIT_MS) },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError(`Give exactly one TypeScript file to run.\n${USAGE}`);
  }
  const file = positionals[0]!;
  if (!existsSync(file)) throw new UsageError(`No file at ${file}. Check the path and try again.`);
  if (!isScenarioId(values.scenario)) {
    throw new UsageError(
      `Unknown scenario "${values.scenario}". Use one of: ${scenarios.map((s) => s.id).join(', ')}.`,
    );
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed))
    throw new UsageError(`--seed takes a whole number, got "${values.seed}".`);
  if (!(CLOCK_KINDS as readonly string[]).includes(values.clock)) {
    throw new UsageError(`--clock is "real" or "virtual", got "${values.clock}".`);
  }
  const timeLimitMs = Number(values['time-limit']);
  if (!(timeLimitMs > 0)) {
    throw new UsageError(`--time-limit takes milliseconds above 0, got "${values['time-limit']}".`);
  }
  return {
    file,
    scenario: values.scenario,
    seed,
    clock: values.clock as ClockKind,
    timeLimitMs,
    json: values.json,
  };
}

/** The record as a person reads it: the Console, then one line per request, then the outcome. */
export function formatRecord(record: RunRecord): string {
  const lines = record.console.map((entry) => entry.text);
  if (record.network.length > 0) {
    lines.push('', 'Network:');
    for (const row of record.network) {
      const result = row.status ?? row.outcome;
      const time = row.endMs === null ? '…' : `${Math.round(row.endMs - row.startMs)} ms`;
      const attempt = row.attempt > 1 ? ` (attempt ${row.attempt})` : '';
      const reason = row.reason ? ` — ${row.reason}` : '';
      lines.push(`  ${row.method} ${row.url} → ${result} ${time}${attempt}${reason}`);
    }
  }
  const clock = record.clock === 'virtual' ? `, ${record.clockMs} ms virtual` : '';
  lines.push(
    '',
    `${record.outcome}${record.message ? `: ${record.message}` : ''} (${record.realMs} ms real${clock})`,
  );
  return lines.join('\n');
}

async function main(args: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const runner = createNodeRunner({ spares: 0 });
  const record = await runner.run(readFileSync(options.file, 'utf8'), options).done;
  runner.dispose();
  console.log(options.json ? JSON.stringify(record, null, 2) : formatRecord(record));
  return record.outcome === 'finished' ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
