/**
 * Runs programs in Node with the same runtime as the browser: each run gets a fresh child process
 * (sandbox-child.ts, bundled into node_modules/.cache and rebuilt when its sources change) started under Node's permission
 * model, so learner code cannot write files, start processes or workers, or run code from strings,
 * and it can read only the sandbox's own bundle. Compiling uses native esbuild with the browser's
 * exact options (compile.ts). `createNodeRunner()` is the `Runner` the CLI and the tests use.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { compileExample } from '../compile.ts';
import { Runner, type Compiler } from '../runner.ts';
import type { SandboxEndpoint } from '../sandbox-client.ts';

const CHILD_ENTRY = fileURLToPath(new URL('./sandbox-child.ts', import.meta.url));
/** A runaway allocation ends the child, not the machine. */
const CHILD_HEAP_MB = 512;

let bundled: string | null = null;

/**
 * Where the child's bundle is kept between processes: beside the checkout's packages, one folder per
 * checkout (two may share a node_modules), never a shared temporary folder another user could write.
 */
const CHILD_CACHE = join(
  dirname(CHILD_ENTRY),
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'course-sandbox',
  createHash('sha256').update(CHILD_ENTRY).digest('hex').slice(0, 12),
);

/** Whether every file the bundle was built from is as it was then. */
function bundleIsFresh(outfile: string, inputsFile: string): boolean {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as Record<string, number>;
    return (
      existsSync(outfile) &&
      Object.entries(inputs).every(
        ([file, mtimeMs]) => existsSync(file) && statSync(file).mtimeMs === mtimeMs,
      )
    );
  } catch {
    return false;
  }
}

/** Writes a whole file under a temporary name, then renames it: a concurrent reader sees old or new. */
function writeWhole(path: string, contents: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * The child as one file the permission model can allow: built with esbuild the first time (about
 * 0.2–0.6 s), then kept until a source it came from changes, so a CLI that judges one exercise does
 * not pay for it at every start.
 */
function childBundle(): string {
  if (bundled) return bundled;
  // The permission model allows reading the bundle by its real path: resolve any symlink on the way.
  let folder = CHILD_CACHE;
  try {
    mkdirSync(folder, { recursive: true });
    folder = realpathSync(folder);
  } catch {
    // Not writable: handled below, where writing fails too.
  }
  const outfile = join(folder, 'sandbox-child.mjs');
  const inputsFile = `${outfile}.inputs.json`;
  if (bundleIsFresh(outfile, inputsFile)) return (bundled = outfile);
  const result = esbuild.buildSync({
    entryPoints: [CHILD_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Bundled libraries use `require` (fake-timers asks for `util`), `Buffer` and `process`, which
    // the runtime deletes from the global scope before learner code runs: give the bundle its own.
    banner: {
      js: [
        "import { createRequire } from 'node:module';",
        "import { Buffer } from 'node:buffer';",
        'const require = createRequire(import.meta.url);',
        'const process = globalThis.process;',
      ].join(' '),
    },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs)
      .map((input) => resolve(input))
      .filter((file) => existsSync(file))
      .map((file) => [file, statSync(file).mtimeMs]),
  );
  try {
    writeWhole(outfile, result.outputFiles[0]!.text);
    writeWhole(inputsFile, JSON.stringify(inputs));
    return (bundled = outfile);
  } catch {
    // A read-only install: keep the bundle in a folder of this process's own, removed at exit.
    const dir = mkdtempSync(join(tmpdir(), 'course-sandbox-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'sandbox-child.mjs'), result.outputFiles[0]!.text);
    return (bundled = join(dir, 'sandbox-child.mjs'));
  }
}

export type NetworkIsolation = 'network-namespace' | 'none';

let isolation: { wrap: string[]; kind: NetworkIsolation } | null = null;

/**
 * Node 24's permission model does not cover the network, so the child also starts in a network
 * namespace of its own with no interface but a loopback that is down: even if every JavaScript guard
 * fell, it could open no socket to anything. `unshare -rn` works for a normal user where user
 * namespaces are allowed (most Linux desktops), `unshare -n` for root; elsewhere (macOS, Windows,
 * containers that forbid it) the child runs without it, and says so once.
 */
export function networkIsolation(): { wrap: string[]; kind: NetworkIsolation } {
  if (isolation) return isolation;
  for (const wrap of [
    ['unshare', '--net', '--map-root-user', '--'],
    ['unshare', '--net', '--'],
  ]) {
    const probe = spawnSync(wrap[0]!, [...wrap.slice(1), process.execPath, '-e', ''], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    if (probe.status === 0) return (isolation = { wrap, kind: 'network-namespace' });
  }
  if (!process.env.SANDBOX_QUIET) {
    process.stderr.write(
      'Note: sandboxes run without a network namespace here (`unshare --net` is not available), so ' +
        'learner code is kept off the network by the JavaScript sandbox alone. On Linux, install ' +
        "util-linux and allow user namespaces to add Node's missing network layer.\n",
    );
  }
  return (isolation = { wrap: [], kind: 'none' });
}

/**
 * The command that starts `script` as a sandbox child: in its own network namespace where the OS
 * offers one, under Node's permission model (read its own file only: no writes, no child processes,
 * no workers), with no code from strings and a capped heap.
 */
export function sandboxCommand(script: string): { command: string; args: string[] } {
  const node = [
    process.execPath,
    '--permission',
    `--allow-fs-read=${script}`,
    '--disallow-code-generation-from-strings',
    `--max-old-space-size=${CHILD_HEAP_MB}`,
    script,
  ];
  const [command, ...args] = [...networkIsolation().wrap, ...node];
  return { command: command!, args };
}

/** A child process with the surface of a Worker, as the runner expects of a sandbox. */
class ChildSandbox extends EventTarget {
  readonly #child: ChildProcess;
  #stderr = '';
  #killed = false;

  constructor() {
    super();
    const { command, args } = sandboxCommand(childBundle());
    this.#child = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      if (this.#stderr.length < 10_000) this.#stderr += chunk.toString();
    });
    this.#child.on('message', (data) => this.dispatchEvent(new MessageEvent('message', { data })));
    this.#child.on('error', (error) => this.#fail(error.message));
    this.#child.on('exit', (code, signal) => {
      if (!this.#killed)
        this.#fail(`exited with ${signal ?? `code ${code}`}. ${this.#stderr.trim()}`);
    });
  }

  #fail(message: string): void {
    const event = new Event('error') as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }

  postMessage(message: unknown): void {
    this.#child.send(message as object);
  }

  terminate(): void {
    this.#killed = true;
    this.#child.kill('SIGKILL');
  }
}

export const nativeCompiler: Compiler = {
  warmUp: async () => 0,
  compile: (code) => compileExample(esbuild, code),
};

export function createNodeSandbox(): SandboxEndpoint {
  return new ChildSandbox() as unknown as SandboxEndpoint;
}

/**
 * A Runner for Node. By default it keeps one child booted for the next run; call `dispose()` when
 * done so the process can exit. A one-shot command passes `spares: 0`.
 */
export function createNodeRunner({
  spares = 1,
  onBoot,
}: {
  spares?: number;
  /** Called as each child process starts (tests count boots with it). */
  onBoot?: () => void;
} = {}): Runner {
  return new Runner({
    createCompiler: () => nativeCompiler,
    createSandbox: () => {
      onBoot?.();
      return createNodeSandbox();
    },
    spares,
  });
}
