/**
 * `npm run sandbox -- <file.ts> [--scenario ID] [--seed N] [--clock real|virtual] [--time-limit MS] [--json]`
 *
 * Compiles and runs a TypeScript file through the sandbox's Node host, exactly as a live example runs
 * in the browser. Prints the Console as the site shows it, then the network rows; with --json, only
 * the run record (src/runner/run-record.schema.json). Exit code: 0 when the outcome is `finished`,
 * 1 for any other outcome, 2 for a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isScenarioId, scenarios, DEFAULT_SEED } from '../../mock-api/index.ts';
import { CLOCK_KINDS, type ClockKind } from '../../src/runner/clock.ts';
import { createNodeRunner } from '../../src/runner/node/node-host.ts';
import type { RunRecord } from '../../src/runner/run-record.ts';
import { DEFAULT_TIME_LIMIT_MS } from '../../src/runner/runner.ts';
import { defineCli, parseCli, usageError, userPath } from './cli-args.ts';

export const SANDBOX_CLI = defineCli({
  name: 'sandbox',
  usage: '<file.ts> [--scenario ID] [--seed N] [--clock real|virtual] [--time-limit MS] [--json]',
  summary:
    "Compiles and runs a TypeScript file in the sandbox's Node host, exactly as a live example runs in the browser, and prints its Console and network rows.",
  allowPositionals: true,
  options: {
    scenario: { type: 'string', default: 'normal' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    clock: { type: 'string', default: 'real' },
    'time-limit': { type: 'string', default: String(DEFAULT_TIME_LIMIT_MS) },
    json: { type: 'boolean', default: false },
  },
  optionHelp: {
    scenario: `How the mock API behaves: ${scenarios.map((s) => s.id).join(', ')} (default normal).`,
    seed: `Seed for the flaky scenarios (default ${DEFAULT_SEED}).`,
    clock: 'real, or virtual (timers jump ahead; default real).',
    'time-limit': `Stop the program after this many milliseconds (default ${DEFAULT_TIME_LIMIT_MS}).`,
    json: 'Print only the run record (src/runner/run-record.schema.json).',
  },
  exitCodes: {
    0: 'the program finished',
    1: 'it threw, timed out or was stopped (the output says which)',
    2: 'usage error (the message says what to change)',
  },
});

class UsageError extends Error {}

interface Options {
  file: string;
  scenario: string;
  seed: number;
  clock: ClockKind;
  timeLimitMs: number;
  json: boolean;
}

/** The options, or the exit code when the command is done already (--help, or a usage error). */
export function parseOptions(args: string[]): Options | { exit: number } {
  const parsed = parseCli(SANDBOX_CLI, args);
  if ('exit' in parsed) return parsed;
  try {
    return checkedOptions(parsed.args.values, parsed.args.positionals);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { exit: usageError(SANDBOX_CLI, error.message) };
  }
}

function checkedOptions(
  values: { scenario: string; seed: string; clock: string; 'time-limit': string; json: boolean },
  positionals: string[],
): Options {
  if (positionals.length !== 1) {
    throw new UsageError('Give exactly one TypeScript file to run.');
  }
  const file = userPath(positionals[0]!);
  if (!existsSync(file)) {
    throw new UsageError(`No file at ${file}. Check the path and try again.`);
  }
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
  const options = parseOptions(args);
  if ('exit' in options) return options.exit;
  const runner = createNodeRunner({ spares: 0 });
  const record = await runner.run(readFileSync(options.file, 'utf8'), options).done;
  runner.dispose();
  console.log(options.json ? JSON.stringify(record, null, 2) : formatRecord(record));
  return record.outcome === 'finished' ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
