/**
 * The files a sandbox child process starts from, kept between processes beside the checkout's
 * packages (node_modules/.cache/course-sandbox/<checkout>/, never a shared temporary folder another
 * user could write):
 * - `sandbox-child.cjs`, the child (sandbox-child.ts) bundled with esbuild the first time (about
 *   0.2–0.6 s), then kept until a source it came from changes;
 * - `sandbox-loader.cjs`, what Node starts: it compiles the bundle with V8's code cache for it;
 * - `sandbox-child.<node version>-<arch>.cache`, that code cache: written once per bundle by a
 *   process that boots the runtime and runs no learner code, then only read. It saves each sandbox
 *   compiling ~0.8 MB of JavaScript again (about 15% of a boot's CPU); V8 checks it against the
 *   bundle's source and its own flags, and a missing or rejected cache only costs that compile.
 */
import { spawn } from 'node:child_process';
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

const CHILD_ENTRY = fileURLToPath(new URL('./sandbox-child.ts', import.meta.url));

/** A runaway allocation ends the child, not the machine. */
const CHILD_HEAP_MB = 512;

/** V8's flags for the child: its code cache is only accepted under the same ones it was made with. */
export const CHILD_V8_FLAGS = [
  '--disallow-code-generation-from-strings',
  // The runtime hardens Node's internal error classes at boot (sandbox-child.ts); programs never
  // get a `require` to load internals themselves.
  '--expose-internals',
  `--max-old-space-size=${CHILD_HEAP_MB}`,
] as const;

const CACHE_FOLDER = join(
  dirname(CHILD_ENTRY),
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'course-sandbox',
  createHash('sha256').update(CHILD_ENTRY).digest('hex').slice(0, 12),
);

/**
 * Node starts this; it is plain CommonJS so it needs no build. The bundle runs inside a function that
 * receives the loader's `require` (bundled libraries ask for `util`), in strict mode as SES needs, and
 * imports the learner's module with Node's own loader. With `--produce-code-cache` it writes the code
 * cache once the runtime has booted (every function a boot compiles is in it), then exits.
 */
const LOADER_SOURCE = `'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');
const bundle = join(__dirname, 'sandbox-child.cjs');
const cacheFile = join(__dirname, \`sandbox-child.\${process.version}-\${process.arch}.cache\`);
const produce = process.argv[2] === '--produce-code-cache';
let cachedData;
if (!produce) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
}
const script = new vm.Script(
  \`(function (require) {'use strict';\${readFileSync(bundle, 'utf8')}\\n})\`,
  { filename: bundle, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER },
);
if (produce) {
  const send = process.send.bind(process);
  process.send = (message, ...rest) => {
    if (message && message.type === 'ready') {
      const temporary = \`\${cacheFile}.\${process.pid}.tmp\`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
      process.exit(0);
    }
    return send(message, ...rest);
  };
}
script.runInThisContext()(require);
`;

export interface ChildFiles {
  /** The folder the child may read (the permission model allows it, and nothing else). */
  folder: string;
  /** What Node starts. */
  loader: string;
  /** The bundled runtime. */
  bundle: string;
  /** V8's code cache for the bundle, for this Node. */
  codeCache: string;
}

/** Writes a whole file under a temporary name, then renames it: a concurrent reader sees old or new. */
export function writeWhole(path: string, contents: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

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

function buildBundle(): { text: string; inputs: Record<string, number> } {
  const result = esbuild.buildSync({
    entryPoints: [CHILD_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    // The runtime deletes `Buffer` and `process` from the global scope before learner code runs,
    // and bundled libraries read them later: give the bundle its own.
    banner: {
      js: "const { Buffer } = require('node:buffer'); const process = globalThis.process;",
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
  return { text: result.outputFiles[0]!.text, inputs };
}

function filesIn(folder: string): ChildFiles {
  return {
    folder,
    loader: join(folder, 'sandbox-loader.cjs'),
    bundle: join(folder, 'sandbox-child.cjs'),
    codeCache: join(folder, `sandbox-child.${process.version}-${process.arch}.cache`),
  };
}

let files: ChildFiles | null = null;

/** The child's files, built or refreshed as needed; the code cache follows in the background. */
export function childFiles(): ChildFiles {
  if (files) return files;
  files = childFilesNow();
  produceCodeCache(files);
  return files;
}

function childFilesNow(): ChildFiles {
  // The permission model allows reading by real path: resolve any symlink on the way.
  let folder = CACHE_FOLDER;
  try {
    mkdirSync(folder, { recursive: true });
    folder = realpathSync(folder);
  } catch {
    // Not writable: handled below, where writing fails too.
  }
  const wanted = filesIn(folder);
  const inputsFile = `${wanted.bundle}.inputs.json`;
  try {
    if (!bundleIsFresh(wanted.bundle, inputsFile)) {
      const { text, inputs } = buildBundle();
      // The old bundle's code cache would be rejected: make way for the new one's.
      rmSync(wanted.codeCache, { force: true });
      writeWhole(wanted.bundle, text);
      writeWhole(inputsFile, JSON.stringify(inputs));
    }
    if (!existsSync(wanted.loader) || readFileSync(wanted.loader, 'utf8') !== LOADER_SOURCE)
      writeWhole(wanted.loader, LOADER_SOURCE);
    return wanted;
  } catch {
    // A read-only install: keep the files in a folder of this process's own, removed at exit.
    const own = filesIn(mkdtempSync(join(tmpdir(), 'course-sandbox-')));
    process.once('exit', () => rmSync(own.folder, { recursive: true, force: true }));
    writeFileSync(own.bundle, buildBundle().text);
    writeFileSync(own.loader, LOADER_SOURCE);
    return own;
  }
}

/**
 * Writes the code cache if it is missing, in a process of its own that boots the runtime (our code
 * only: no program is ever sent to it) and exits; with the sandbox's own V8 flags, which the cache
 * must match to be accepted. Sandboxes started before it is written compile as before.
 */
function produceCodeCache(child: ChildFiles): void {
  if (existsSync(child.codeCache)) return;
  const producer = spawn(
    process.execPath,
    [...CHILD_V8_FLAGS, child.loader, '--produce-code-cache'],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    },
  );
  producer.on('error', () => {});
  // A short command may end first: the producer then ends with it, and a later one tries again.
  producer.unref();
  producer.channel?.unref();
}
