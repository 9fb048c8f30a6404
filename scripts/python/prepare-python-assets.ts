/**
 * The build step for the browser's Python (src/lib/python-assets-integration.ts runs it in
 * `astro build` and `astro dev`): from Pyodide's files and the committed packages' zip, it makes
 *
 * - python-stdlib.zip: Pyodide's python_stdlib.zip with the modules that starting Python and
 *   `import requests` load byte-compiled (.pyc only: they are most of the boot time, and their source
 *   would cost a second download); the other modules stay source, as Pyodide ships them;
 * - python-packages.zip: the vendored packages with the same modules compiled; requests' source
 *   stays beside its .pyc, so tracebacks through requests show its lines (54 KB; urllib3's would
 *   cost 80 KB more, and the Python worker's transport adapter stands in for most of urllib3);
 * - python-licenses.txt: the licences that travel with all of it.
 *
 * Bytecode comes from Pyodide's own CPython running in Node (bytecode magic numbers match; a system
 * Python's would be rejected), compiled without column tables (PYTHONNODEBUGRANGES: tracebacks through
 * these modules lose their ^^^ markers, the files lose a fifth of their size). Which modules to compile
 * is measured, not listed: the build starts Python, imports requests and PRECOMPILE_ALSO, and compiles
 * what was loaded.
 *
 * Outputs are cached in node_modules/.cache/python/<hash of every input>/, so a build with nothing
 * changed only hashes the inputs. Concurrent builds (worktrees sharing node_modules) each write a
 * folder of their own and rename it into place.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Lockfile } from 'pyodide';
import { PYTHON_PACKAGES_ZIP_PATH } from '../../src/runner/python/python-paths.ts';
import { bootPython, loadZipTools, ZIP_TOOLS } from './node-pyodide.ts';
import { pythonLicensesText } from './python-licenses.ts';
import { LICENSE_DIR, MANIFEST_PATH, readManifest, VENDOR_DIR } from './vendor-manifest.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
export const PYODIDE_DIR = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
export const DEFAULT_CACHE_ROOT = join(ROOT, 'node_modules', '.cache', 'python');

/**
 * Modules the lessons' Python imports beyond what `import requests` loads (most of them it loads
 * anyway), compiled too so a first run of any lesson snippet compiles little. Add a module here when
 * the Python worker or a lesson starts importing it.
 */
export const PRECOMPILE_ALSO = [
  'requests.adapters',
  'requests.exceptions',
  'urllib3.util.retry',
  'http.client',
  'json',
  'logging',
  're',
  'time',
  'typing',
  'urllib.parse',
  'uuid',
];

/** Packages whose source stays beside their .pyc: the one whose lines learners meet in tracebacks. */
export const KEEP_SOURCE = ['requests/'];

/**
 * What the standard library's zip leaves out (paths in Pyodide's python_stdlib.zip, as prefixes):
 * modules that cannot work in a browser's Python, or exist only for another platform, and that no
 * module kept imports at its top. A first run downloads about 0.33 MB less (gzip). Pyodide already
 * leaves out tkinter, idlelib, turtledemo, ensurepip, venv, pydoc_data, lib2to3 and the test suites.
 * The build fails when a module that `import requests` or PRECOMPILE_ALSO loads is in this list, or
 * when an entry matches nothing; prepare-python-assets.test.ts imports every module of Pyodide's zip
 * and checks that only these stopped importing.
 */
export const STDLIB_LEAVE_OUT = [
  // Processes and subinterpreters: WebAssembly has neither (no _multiprocessing, no _interpreters).
  'multiprocessing/',
  'concurrent/futures/process.py',
  'concurrent/futures/interpreter.py',
  'concurrent/interpreters/',
  // The terminal REPL (STDLIB_KEEP keeps what pydoc, for help(), and pdb import from it).
  '_pyrepl/',
  'asyncio/__main__.py',
  // Windows, macOS and AIX only.
  'asyncio/windows_events.py',
  'asyncio/windows_utils.py',
  'asyncio/proactor_events.py',
  'ctypes/macholib/',
  'ctypes/_aix.py',
  // Servers and socket clients: a page's Python has no sockets (requests goes through the course's
  // transport, not http.client).
  'http/server.py',
  'wsgiref/',
  'xmlrpc/',
  'smtplib.py',
  'imaplib.py',
  'poplib.py',
  'ftplib.py',
  // Pure-Python stand-ins for what Pyodide builds in (_io, _datetime).
  '_pyio.py',
  '_pydatetime.py',
];

/** Files under STDLIB_LEAVE_OUT that stay: pydoc (help()) and pdb import them. */
export const STDLIB_KEEP = [
  '_pyrepl/__init__.py',
  '_pyrepl/pager.py',
  '_pyrepl/utils.py',
  '_pyrepl/types.py',
  '_pyrepl/trace.py',
];

/**
 * The standard library's .pyc carry no docstrings (`__doc__` is None, as under `python -OO`; asserts
 * stay): 0.23 MB less to download, at the price of help() on those modules. These keep theirs:
 * Pyodide's own modules (its C code reads some of them), and email's Policy, whose docstring the
 * uncompiled email.policy extends at import. requests and its dependencies keep theirs too.
 */
export const STDLIB_KEEP_DOCSTRINGS = ['_pyodide/', 'pyodide/', 'email/_policybase.py'];

/**
 * Source files of the standard library whose comments are taken out (each line stays where it was,
 * so line numbers and tracebacks do not change): the codecs' tables, commented with the name of
 * every character (what unicodedata.name() says), 0.18 MB gzip.
 */
export const STDLIB_STRIP_COMMENTS = ['encodings/'];

/** Interpreter settings for compiling: no column tables in the bytecode (see above). */
const COMPILE_ENV = { PYTHONNODEBUGRANGES: '1' };

/** How many prepared versions the cache keeps (the most recently used). */
const CACHE_KEEP = 4;

export type PythonFileKind = 'wasm' | 'stdlib' | 'packages' | 'licenses' | 'packagesSource';

export interface PreparedFile {
  /** Absolute path of the file to serve. */
  source: string;
  /** Its path in the built site, without the leading slash. */
  sitePath: string;
  bytes: number;
  /** Its size gzipped (level 9): about what a reader downloads from a host that compresses. */
  gzipBytes: number;
}

export interface PreparedPython {
  files: Record<PythonFileKind, PreparedFile>;
  versions: { python: string; pyodide: string; requests: string };
  /**
   * The `info` of Pyodide's pyodide-lock.json. The site ships no lock file (it loads none of
   * Pyodide's packages): the worker passes `{ info, packages: {} }` as `lockFileContents`.
   */
  lockFileInfo: Lockfile['info'];
  /** How many modules were byte-compiled. */
  compiled: { stdlib: number; packages: number };
  /** The cache folder. */
  dir: string;
  /** Whether the outputs came from the cache. */
  fromCache: boolean;
  ms: number;
}

/** What prepared.json in a cache folder holds: PreparedPython without machine-specific paths. */
interface CacheRecord {
  files: Record<PythonFileKind, Omit<PreparedFile, 'source'>>;
  versions: PreparedPython['versions'];
  lockFileInfo: PreparedPython['lockFileInfo'];
  compiled: PreparedPython['compiled'];
}

const OUTPUTS = {
  stdlib: 'python-stdlib.zip',
  packages: 'python-packages.zip',
  licenses: 'python-licenses.txt',
} as const;

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function inputs() {
  const manifest = readManifest();
  return {
    manifest,
    wasm: join(PYODIDE_DIR, 'pyodide.asm.wasm'),
    stdlib: join(PYODIDE_DIR, 'python_stdlib.zip'),
    packages: join(VENDOR_DIR, manifest.zip.file),
    files: [
      join(PYODIDE_DIR, 'package.json'),
      join(PYODIDE_DIR, 'pyodide-lock.json'),
      join(PYODIDE_DIR, 'pyodide.asm.wasm'),
      join(PYODIDE_DIR, 'python_stdlib.zip'),
      join(VENDOR_DIR, manifest.zip.file),
      MANIFEST_PATH,
      ...readdirSync(LICENSE_DIR).map((file) => join(LICENSE_DIR, file)),
      ZIP_TOOLS,
      fileURLToPath(import.meta.url),
      join(here, 'node-pyodide.ts'),
      join(here, 'python-licenses.ts'),
    ],
  };
}

/** A hash of every input and setting: the cache folder's name. */
function cacheKey(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.slice(ROOT.length)}\0${sha256(readFileSync(file))}\n`);
  }
  hash.update(
    JSON.stringify({
      PRECOMPILE_ALSO,
      KEEP_SOURCE,
      COMPILE_ENV,
      PYTHON_PACKAGES_ZIP_PATH,
      STDLIB_LEAVE_OUT,
      STDLIB_KEEP,
      STDLIB_KEEP_DOCSTRINGS,
      STDLIB_STRIP_COMMENTS,
    }),
  );
  return hash.digest('hex').slice(0, 20);
}

function shortHash(bytes: Uint8Array): string {
  return sha256(bytes).slice(0, 12);
}

function describe(sitePath: string, bytes: Uint8Array): Omit<PreparedFile, 'source'> {
  return { sitePath, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

/** Python code run after boot: import what a first run imports, then list what came from each zip. */
function probeCode(stdlibArchive: string): string {
  const imports = ['requests', ...PRECOMPILE_ALSO].map((name) => `    import ${name}`).join('\n');
  return `
import sys, warnings
sys.path.append(${JSON.stringify(PYTHON_PACKAGES_ZIP_PATH)})
with warnings.catch_warnings(record=True) as _caught:
    warnings.simplefilter('always')
${imports}
_origins = [getattr(getattr(m, '__spec__', None), 'origin', None) for m in list(sys.modules.values())]
{
    'python': sys.version.split()[0],
    'requests': requests.__version__,
    'warnings': [str(w.message) for w in _caught],
    'stdlib': sorted(o[${stdlibArchive.length + 1}:] for o in _origins if isinstance(o, str) and o.startswith(${JSON.stringify(stdlibArchive + '/')})),
    'packages': sorted(o[${PYTHON_PACKAGES_ZIP_PATH.length + 1}:] for o in _origins if isinstance(o, str) and o.startswith(${JSON.stringify(PYTHON_PACKAGES_ZIP_PATH + '/')})),
}
`;
}

/** Runs the interpreter: measures what to compile, compiles it, writes the outputs into `dir`. */
async function build(dir: string, input: ReturnType<typeof inputs>): Promise<CacheRecord> {
  const { py, output } = await bootPython({ env: COMPILE_ENV });
  try {
    const stdlibArchive = py.runPython(
      "import sys\nf'/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip'",
    ) as string;
    py.FS.writeFile(PYTHON_PACKAGES_ZIP_PATH, new Uint8Array(readFileSync(input.packages)));
    const proxy = py.runPython(probeCode(stdlibArchive)) as {
      toJs(options: object): unknown;
      destroy(): void;
    };
    const probe = proxy.toJs({ dict_converter: Object.fromEntries }) as {
      python: string;
      requests: string;
      warnings: string[];
      stdlib: string[];
      packages: string[];
    };
    proxy.destroy();
    if (probe.warnings.length > 0 || probe.stdlib.length === 0 || probe.packages.length === 0) {
      throw new Error(
        `Python: \`import requests\` in Pyodide did not go cleanly (warnings: ${JSON.stringify(probe.warnings)}; ${probe.stdlib.length} standard modules and ${probe.packages.length} package modules loaded). Check src/runner/python/vendor/ (\`npm run python:vendor\`).\n${output.join('\n')}`,
      );
    }

    const needed = probe.stdlib.filter(
      (name) =>
        STDLIB_LEAVE_OUT.some((prefix) => name.startsWith(prefix)) && !STDLIB_KEEP.includes(name),
    );
    if (needed.length > 0) {
      throw new Error(
        `Python: \`import requests\` and PRECOMPILE_ALSO load ${needed.join(', ')}, which STDLIB_LEAVE_OUT leaves out of the standard library. Take them off that list (scripts/python/prepare-python-assets.ts).`,
      );
    }

    loadZipTools(py);
    py.globals.set('_stdlib_names', py.toPy(probe.stdlib));
    py.globals.set('_package_names', py.toPy(probe.packages));
    py.globals.set('_keep_source', py.toPy(KEEP_SOURCE));
    py.globals.set('_leave_out', py.toPy(STDLIB_LEAVE_OUT));
    py.globals.set('_keep', py.toPy(STDLIB_KEEP));
    py.globals.set('_keep_docstrings', py.toPy(STDLIB_KEEP_DOCSTRINGS));
    py.globals.set('_strip_comments', py.toPy(STDLIB_STRIP_COMMENTS));
    py.runPython(`
_stdlib = strip_comments(leave_out(read_zip(${JSON.stringify(stdlibArchive)}), _leave_out, _keep), _strip_comments)
write_zip('/tmp/stdlib.zip', byte_compile(_stdlib, ${JSON.stringify(stdlibArchive)}, set(_stdlib_names), [], _keep_docstrings))
write_zip('/tmp/packages.zip', byte_compile(read_zip(${JSON.stringify(PYTHON_PACKAGES_ZIP_PATH)}), ${JSON.stringify(PYTHON_PACKAGES_ZIP_PATH)}, set(_package_names), _keep_source))
`);
    const stdlib = py.FS.readFile('/tmp/stdlib.zip') as Uint8Array;
    const packages = py.FS.readFile('/tmp/packages.zip') as Uint8Array;
    const copyrights = JSON.parse(
      py.runPython(`
import json, zipfile
with zipfile.ZipFile(${JSON.stringify(PYTHON_PACKAGES_ZIP_PATH)}) as _zip:
    _copyrights = {p: _zip.read(n).decode() for p, n in ${JSON.stringify(input.manifest.packages.map((pkg) => [pkg.package, pkg.copyright]))}}
json.dumps(_copyrights)
`) as string,
    ) as Record<string, string>;

    const pyodideVersion = (
      JSON.parse(readFileSync(join(PYODIDE_DIR, 'package.json'), 'utf8')) as { version: string }
    ).version;
    const licenses = pythonLicensesText({
      pyodideVersion,
      pythonVersion: probe.python,
      manifest: input.manifest,
      copyrights,
      texts: Object.fromEntries(
        readdirSync(LICENSE_DIR).map((file) => [
          file,
          readFileSync(join(LICENSE_DIR, file), 'utf8'),
        ]),
      ),
      packagesSourcePath: '/licenses/python-packages-source.zip',
    });
    const licenseBytes = new TextEncoder().encode(licenses);
    writeFileSync(join(dir, OUTPUTS.stdlib), stdlib);
    writeFileSync(join(dir, OUTPUTS.packages), packages);
    writeFileSync(join(dir, OUTPUTS.licenses), licenseBytes);

    const wasm = new Uint8Array(readFileSync(input.wasm));
    const packagesSource = new Uint8Array(readFileSync(input.packages));
    return {
      files: {
        wasm: describe(`_astro/python/pyodide-${shortHash(wasm)}/pyodide.asm.wasm`, wasm),
        stdlib: describe(`_astro/python/python-stdlib.${shortHash(stdlib)}.zip`, stdlib),
        packages: describe(`_astro/python/python-packages.${shortHash(packages)}.zip`, packages),
        licenses: describe('licenses/python.txt', licenseBytes),
        packagesSource: describe('licenses/python-packages-source.zip', packagesSource),
      },
      versions: { python: probe.python, pyodide: pyodideVersion, requests: probe.requests },
      lockFileInfo: (
        JSON.parse(readFileSync(join(PYODIDE_DIR, 'pyodide-lock.json'), 'utf8')) as Lockfile
      ).info,
      compiled: { stdlib: probe.stdlib.length, packages: probe.packages.length },
    };
  } catch (error) {
    if (error instanceof Error && !error.message.includes(output.join('\n'))) {
      error.message += output.length > 0 ? `\nPython said:\n${output.join('\n')}` : '';
    }
    throw error;
  }
}

function withSources(record: CacheRecord, dir: string, input: ReturnType<typeof inputs>) {
  const sources: Record<PythonFileKind, string> = {
    wasm: input.wasm,
    stdlib: join(dir, OUTPUTS.stdlib),
    packages: join(dir, OUTPUTS.packages),
    licenses: join(dir, OUTPUTS.licenses),
    packagesSource: input.packages,
  };
  return Object.fromEntries(
    Object.entries(record.files).map(([kind, file]) => [
      kind,
      { ...file, source: sources[kind as PythonFileKind] },
    ]),
  ) as Record<PythonFileKind, PreparedFile>;
}

/** Drops all but the CACHE_KEEP most recently used versions. */
function prune(cacheRoot: string): void {
  const entries = readdirSync(cacheRoot)
    .filter((name) => existsSync(join(cacheRoot, name, 'prepared.json')))
    .map((name) => ({ name, used: statSync(join(cacheRoot, name, 'prepared.json')).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { name } of entries.slice(CACHE_KEEP)) {
    rmSync(join(cacheRoot, name), { recursive: true, force: true });
  }
}

/** The browser's Python files, from the cache or made now (a few seconds). */
export async function preparePythonAssets(
  options: { cacheRoot?: string } = {},
): Promise<PreparedPython> {
  const started = performance.now();
  const cacheRoot = options.cacheRoot ?? DEFAULT_CACHE_ROOT;
  const input = inputs();
  const dir = join(cacheRoot, cacheKey(input.files));
  const recordPath = join(dir, 'prepared.json');
  let fromCache = existsSync(recordPath);
  if (fromCache) {
    const now = new Date();
    utimesSync(recordPath, now, now);
  } else {
    const temporary = `${dir}.tmp-${process.pid}-${Date.now()}`;
    mkdirSync(temporary, { recursive: true });
    try {
      const record = await build(temporary, input);
      writeFileSync(join(temporary, 'prepared.json'), `${JSON.stringify(record, null, 2)}\n`);
      try {
        renameSync(temporary, dir);
      } catch (error) {
        // Another build (a worktree sharing node_modules) finished the same inputs first.
        if (!existsSync(recordPath)) throw error;
        fromCache = true;
      }
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
    prune(cacheRoot);
  }
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as CacheRecord;
  return {
    files: withSources(record, dir, input),
    versions: record.versions,
    lockFileInfo: record.lockFileInfo,
    compiled: record.compiled,
    dir,
    fromCache,
    ms: Math.round(performance.now() - started),
  };
}

// `tsx scripts/python/prepare-python-assets.ts`: prepare (or find in the cache) and report.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const prepared = await preparePythonAssets();
  console.log(JSON.stringify(prepared, null, 2));
}
