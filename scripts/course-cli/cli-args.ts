/**
 * One way for every course CLI to read its arguments and answer `--help` (node:util's parseArgs
 * underneath), so they all speak the same dialect: `--help`/`-h` prints the usage and exits 0, a
 * usage error goes to stderr with what to do and exits 2, and paths are taken relative to the folder
 * the user ran npm from (npm sets INIT_CWD; `npm run --prefix course …` would otherwise read them
 * from course/).
 */
import { isAbsolute, resolve } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** The exit codes every CLI shares; a CLI may document more of its own. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliSpec<O extends ParseArgsOptionsConfig> {
  /** The npm script, e.g. `grade` (usage reads `npm run grade -- …`). */
  name: string;
  /** What follows `npm run <name> --`, e.g. `<file.ts> [options]`. */
  usage: string;
  /** One or two sentences: what the command does. */
  summary: string;
  options: O;
  /** One line per option, keyed by its long name (`help` is added). */
  optionHelp?: Partial<Record<keyof O & string, string>>;
  /** @default false */
  allowPositionals?: boolean;
  /** Exit codes and their meaning. @default 0 ok · 1 failed · 2 usage error */
  exitCodes?: Record<number, string>;
}

const DEFAULT_EXIT_CODES: Record<number, string> = {
  [EXIT_OK]: 'done',
  [EXIT_FAILED]: 'failed (the output says why)',
  [EXIT_USAGE]: 'usage error (the message says what to change)',
};

/** A spec with its options' literal types kept, so the parsed values are typed. */
export function defineCli<const O extends ParseArgsOptionsConfig>(spec: CliSpec<O>): CliSpec<O> {
  return spec;
}

export function usageLine(spec: { name: string; usage: string }): string {
  return spec.usage
    ? `Usage: npm run ${spec.name} -- ${spec.usage}`
    : `Usage: npm run ${spec.name}`;
}

/** The `--help` text: usage, summary, options and exit codes. */
export function helpText<O extends ParseArgsOptionsConfig>(spec: CliSpec<O>): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ' <value>' : ''}`;
    const help = (spec.optionHelp as Record<string, string | undefined> | undefined)?.[name] ?? '';
    const fallback = option.default === undefined ? '' : ` (default ${String(option.default)})`;
    return [flag, `${help}${help.includes('default') ? '' : fallback}`];
  });
  rows.push(['-h, --help', 'Show this help and exit.']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const codes = spec.exitCodes ?? DEFAULT_EXIT_CODES;
  return [
    usageLine(spec),
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`.trimEnd()),
    '',
    'Exit codes:',
    ...Object.entries(codes).map(([code, meaning]) => `  ${code.padStart(3)}  ${meaning}`),
    '',
    'Paths are relative to the folder you run npm from.',
  ].join('\n');
}

/** A usage error on stderr: the cause, the usage line and where the full help is. */
export function usageError(spec: { name: string; usage: string }, why: string): number {
  console.error(
    `${why}\n${usageLine(spec)}\nRun \`npm run ${spec.name} -- --help\` for every option.`,
  );
  return EXIT_USAGE;
}

export type CliArgs<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; args: string[] }>
>;

/**
 * The parsed arguments, or the exit code when the command is done already (`--help` printed: 0; a
 * usage error printed: 2).
 */
export function parseCli<O extends ParseArgsOptionsConfig>(
  spec: CliSpec<O>,
  args: string[],
): { args: CliArgs<O> } | { exit: number } {
  if (args.includes('--help') || args.includes('-h')) {
    const end = args.indexOf('--');
    const at = Math.max(args.indexOf('--help'), args.indexOf('-h'));
    if (end === -1 || at < end) {
      console.log(helpText(spec));
      return { exit: EXIT_OK };
    }
  }
  try {
    const parsed = parseArgs({ args, options: spec.options, allowPositionals: true, strict: true });
    if (!spec.allowPositionals && parsed.positionals.length > 0) {
      return {
        exit: usageError(spec, `Unexpected argument "${parsed.positionals[0]}".`),
      };
    }
    return { args: parsed as CliArgs<O> };
  } catch (error) {
    return { exit: usageError(spec, (error as Error).message) };
  }
}

/** For top-level scripts: the parsed arguments, or exit the process with the code. */
export function parseCliOrExit<O extends ParseArgsOptionsConfig>(
  spec: CliSpec<O>,
  args: string[] = process.argv.slice(2),
): CliArgs<O> {
  const parsed = parseCli(spec, args);
  if ('exit' in parsed) process.exit(parsed.exit);
  return parsed.args;
}

/**
 * A path the user typed, made absolute against the folder they ran npm from (INIT_CWD), not the
 * package folder npm runs the script in.
 */
export function userPath(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
