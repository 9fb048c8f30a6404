/**
 * Runs programs in Node with the same runtime as the browser: each run gets a fresh child process
 * (sandbox-child.ts, started from the files child-files.ts keeps in node_modules/.cache) under Node's
 * permission model, so learner code cannot write files, start processes or workers, or run code
 * from strings, and it can read only the sandbox's own files. Compiling uses native esbuild with the
 * browser's exact options (compile.ts). `createNodeRunner()` is the `Runner` the CLI and the tests use.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { compileExample } from '../compile.ts';
import { CompileCache } from '../compile-cache.ts';
import { CHILD_V8_FLAGS, childFiles } from './child-files.ts';
import { Runner, type Compiler } from '../runner.ts';
import type { SandboxEndpoint } from '../sandbox-client.ts';

let runtimeId: string | null = null;

/**
 * A fingerprint of the sandbox's runtime as the child runs it (its bundle's SHA-256): what a run
 * produced depends on it, so anything kept between processes is keyed by it.
 */
export function sandboxRuntimeId(): string {
  runtimeId ??= createHash('sha256').update(readFileSync(childFiles().bundle)).digest('hex');
  return runtimeId;
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
    // `node --version` answers before starting V8: the probe costs a CLI ~5 ms, not a Node start-up.
    const probe = spawnSync(wrap[0]!, [...wrap.slice(1), process.execPath, '--version'], {
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
 * offers one, under Node's permission model (read only `readable`, by default the script itself: no
 * writes, no child processes, no workers), with no code from strings and a capped heap.
 */
export function sandboxCommand(
  script: string,
  readable: string = script,
): { command: string; args: string[] } {
  const node = [
    process.execPath,
    '--permission',
    `--allow-fs-read=${readable}`,
    ...CHILD_V8_FLAGS,
    script,
  ];
  const [command, ...args] = [...networkIsolation().wrap, ...node];
  return { command: command!, args };
}

/**
 * A message from the child, shaped as a Worker's `message` event. Not Node's `MessageEvent`: that
 * global is loaded from undici on first use, ~35 ms of a CLI's start-up for one `data` field.
 */
class ChildMessage extends Event {
  constructor(readonly data: unknown) {
    super('message');
  }
}

/** A child process with the surface of a Worker, as the runner expects of a sandbox. */
class ChildSandbox extends EventTarget {
  readonly #child: ChildProcess;
  #stderr = '';
  #killed = false;

  constructor() {
    super();
    const files = childFiles();
    const { command, args } = sandboxCommand(files.loader, files.folder);
    this.#child = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      if (this.#stderr.length < 10_000) this.#stderr += chunk.toString();
    });
    this.#child.on('message', (data) => this.dispatchEvent(new ChildMessage(data)));
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
  // Grading compiles each submission once per check: the same source compiles the same way.
  compile: new CompileCache().wrap((code) => compileExample(esbuild, code)),
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
