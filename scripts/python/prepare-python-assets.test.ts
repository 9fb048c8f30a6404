import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPyodide, type PyodideInterface } from 'pyodide';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPythonFile } from '../../src/offline/python-files.ts';
import { installPythonPackages } from '../../src/runner/python/python-packages.ts';
import { PYTHON_PACKAGES_ZIP_PATH } from '../../src/runner/python/python-paths.ts';
import { pythonAssetsModule } from '../../src/lib/python-assets-integration.ts';
import { bootPython } from './node-pyodide.ts';
import {
  PRECOMPILE_ALSO,
  PYODIDE_DIR,
  preparePythonAssets,
  STDLIB_KEEP,
  STDLIB_LEAVE_OUT,
  type PreparedPython,
} from './prepare-python-assets.ts';
import { readManifest } from './vendor-manifest.ts';

// The first run on a fresh machine prepares the files (about 10 s; the build then finds them cached).
let prepared: PreparedPython;
beforeAll(async () => {
  prepared = await preparePythonAssets();
}, 120_000);

it('takes them from the cache the second time, by a hash of the inputs', async () => {
  const again = await preparePythonAssets();
  expect(again).toMatchObject({ fromCache: true, dir: prepared.dir, files: prepared.files });
  expect(again.ms).toBeLessThan(2_000);
});

describe('in Pyodide, loaded as the browser worker loads them', () => {
  let py: PyodideInterface;
  // As in the site: a folder with the wasm (and, in Node, the module the worker bundles) and no
  // pyodide-lock.json, which the lock file's info stands in for.
  const indexDir = mkdtempSync(join(tmpdir(), 'pyodide-index-'));
  afterAll(() => rmSync(indexDir, { recursive: true, force: true }));
  beforeAll(async () => {
    symlinkSync(prepared.files.wasm.source, join(indexDir, 'pyodide.asm.wasm'));
    symlinkSync(join(PYODIDE_DIR, 'pyodide.asm.mjs'), join(indexDir, 'pyodide.asm.mjs'));
    py = await loadPyodide({
      indexURL: `${indexDir}/`,
      stdLibURL: prepared.files.stdlib.source,
      lockFileContents: { info: prepared.lockFileInfo, packages: {} },
      stdout: () => {},
      stderr: () => {},
    });
    installPythonPackages(py, new Uint8Array(readFileSync(prepared.files.packages.source)));
  }, 60_000);

  it('imports requests with no warning, every module of both zips from its .pyc (none compiled at run time)', () => {
    const result = JSON.parse(
      py.runPython(`
import json, sys, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    import requests
${PRECOMPILE_ALSO.map((name) => `    import ${name}`).join('\n')}
origins = [getattr(getattr(m, '__spec__', None), 'origin', None) or '' for m in list(sys.modules.values())]
json.dumps({
    'version': requests.__version__,
    'warnings': [str(w.message) for w in caught],
    'from_zips': [o for o in origins if '.zip/' in o],
})
`) as string,
    ) as { version: string; warnings: string[]; from_zips: string[] };
    expect(result.version).toBe(prepared.versions.requests);
    expect(result.warnings).toEqual([]);
    expect(result.from_zips.length).toBeGreaterThan(200);
    expect(result.from_zips.filter((origin) => !origin.endsWith('.pyc'))).toEqual([]);
    expect(result.from_zips).toContain(`${PYTHON_PACKAGES_ZIP_PATH}/requests/models.pyc`);
  });

  it('shows requests’ own lines in a traceback (its source is kept), and file and line where a module has only its .pyc', () => {
    const [fromRequests, fromJson] = JSON.parse(
      py.runPython(`
import json, traceback, requests
def trace(call):
    try:
        call()
    except Exception:
        return traceback.format_exc()
json.dumps([trace(lambda: requests.get('no-scheme')), trace(lambda: json.loads('{'))])
`) as string,
    ) as [string, string];
    expect(fromRequests).toContain(`File "${PYTHON_PACKAGES_ZIP_PATH}/requests/models.py", line`);
    expect(fromRequests).toMatch(/in prepare_url\n\s+raise MissingSchema\(/);
    expect(fromRequests).toMatch(/requests\.exceptions\.MissingSchema: Invalid URL 'no-scheme'/);
    expect(fromJson).toMatch(
      /File "\/lib\/python\d+\.zip\/json\/decoder\.py", line \d+, in raw_decode\n/,
    );
    expect(fromJson).toMatch(/json\.decoder\.JSONDecodeError: Expecting property name/);
  });
});

interface ImportReport {
  modules: number;
  /** Modules that did not import. */
  failed: string[];
  /** Every text codec's decoding of the bytes 0–255 and encoding of that back (or its error). */
  codecs: Record<string, unknown>;
}

/**
 * Imports every module of the standard library's zip in `py` (each once; `__main__` modules and the
 * two that act on import left out), and runs every text codec of its `encodings` over all bytes.
 */
function importEverything(py: PyodideInterface): ImportReport {
  return JSON.parse(
    py.runPython(`
import importlib, json, sys, zipfile
archive = f'/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip'
names = set()
for name in zipfile.ZipFile(archive).namelist():
    if not name.endswith(('.py', '.pyc')) or '-' in name:
        continue
    module = name.rsplit('.', 1)[0].replace('/', '.').removesuffix('.__init__')
    if module.split('.')[-1] in ('__main__', 'antigravity', 'this') or module.startswith('site-packages'):
        continue
    names.add(module)
failed = []
for module in sorted(names):
    try:
        importlib.import_module(module)
    except BaseException:
        failed.append(module)
import codecs
results = {}
for module in sorted(names):
    if not module.startswith('encodings.') or module.count('.') != 1:
        continue
    name = module.split('.')[1]
    try:
        if not codecs.lookup(name)._is_text_encoding:
            continue
        text = bytes(range(256)).decode(name, 'replace')
        results[name] = [text, text.encode(name, 'replace').hex()]
    except Exception as error:
        results[name] = type(error).__name__
json.dumps({'modules': len(names), 'failed': failed, 'codecs': results})
`) as string,
  ) as ImportReport;
}

describe('the standard library, cut down', () => {
  it('loses only the modules it leaves out: every other module of Pyodide’s zip still imports, every codec decodes and encodes alike', async () => {
    const original = await bootPython();
    const before = importEverything(original.py);
    const ours = await bootPython({ stdLibURL: prepared.files.stdlib.source });
    const after = importEverything(ours.py);
    const leftOut = (module: string) => {
      const path = module.replaceAll('.', '/');
      return STDLIB_LEAVE_OUT.some(
        (prefix) =>
          (`${path}.py`.startsWith(prefix) || `${path}/`.startsWith(prefix)) &&
          !STDLIB_KEEP.some((kept) => kept === `${path}.py` || kept === `${path}/__init__.py`),
      );
    };
    expect(before.modules).toBeGreaterThan(400);
    const lost = after.failed.filter((module) => !before.failed.includes(module));
    expect(lost.filter((module) => !leftOut(module))).toEqual([]);
    expect(after.modules).toBeLessThan(before.modules);
    // What is left out is gone, not merely failing.
    expect(ours.py.runPython("import importlib.util\nimportlib.util.find_spec('xmlrpc')")).toBe(
      undefined,
    );
    // pydoc (help()) and pdb still import: they need what STDLIB_KEEP keeps of _pyrepl.
    expect(after.failed).not.toContain('pydoc');
    expect(after.failed).not.toContain('pdb');
    expect(after.failed).not.toContain('doctest');
    // The codecs' tables lost their comments, nothing else.
    expect(Object.keys(before.codecs).length).toBeGreaterThan(80);
    expect(after.codecs).toEqual(before.codecs);
  }, 180_000);

  it('has no docstrings in its .pyc (Pyodide’s own modules keep theirs), and requests keeps its own', async () => {
    const { py } = await bootPython({ stdLibURL: prepared.files.stdlib.source });
    installPythonPackages(py, new Uint8Array(readFileSync(prepared.files.packages.source)));
    const docs = JSON.parse(
      py.runPython(`
import json, sys, textwrap, requests, pyodide.ffi
json.dumps({
    'json': json.__doc__, 'loads': json.loads.__doc__, 'dedent': textwrap.dedent.__doc__,
    'from_pyc': json.__spec__.origin,
    'requests_get': requests.get.__doc__, 'to_js': pyodide.ffi.to_js.__doc__,
})
`) as string,
    ) as Record<string, string | null>;
    expect(docs.from_pyc).toMatch(/json\/__init__\.pyc$/);
    expect(docs).toMatchObject({ json: null, loads: null, dedent: null });
    expect(docs.requests_get).toContain('Sends a GET request.');
    expect(docs.to_js).toEqual(expect.any(String));
  }, 60_000);
});

describe('what the site gets', () => {
  it('names the runtime files as Python’s (kept by the service worker once fetched, never stored ahead), content-hashed', () => {
    const { wasm, stdlib, packages, licenses, packagesSource } = prepared.files;
    expect(wasm.sitePath).toMatch(/^_astro\/python\/pyodide-[0-9a-f]{12}\/pyodide\.asm\.wasm$/);
    expect(stdlib.sitePath).toMatch(/^_astro\/python\/python-stdlib\.[0-9a-f]{12}\.zip$/);
    expect(packages.sitePath).toMatch(/^_astro\/python\/python-packages\.[0-9a-f]{12}\.zip$/);
    for (const file of [wasm, stdlib, packages]) expect(isPythonFile(file.sitePath)).toBe(true);
    for (const file of [licenses, packagesSource]) expect(isPythonFile(file.sitePath)).toBe(false);
  });

  it('writes the licences: Pyodide’s MPL-2.0, CPython’s PSF licence, and each package’s copyright file', () => {
    const text = readFileSync(prepared.files.licenses.source, 'utf8');
    expect(text).toContain(`Pyodide ${prepared.versions.pyodide}`);
    expect(text).toContain('Mozilla Public License Version 2.0');
    expect(text).toContain('PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2');
    expect(text).toContain('Copyright (c) 2001 Python Software Foundation; All Rights Reserved');
    for (const pkg of readManifest().packages) {
      expect(text).toContain(`${pkg.package} ${pkg.version} (${pkg.license})`);
      expect(text).toContain(`----- ${pkg.package} ${pkg.version} -----`);
    }
    expect(text).toContain('GNU LESSER GENERAL PUBLIC LICENSE');
    expect(text).toContain('Apache License');
    expect(text).toContain('/licenses/python-packages-source.zip');
  });

  it('gives the page each file’s URL under the site’s base, its size and the versions inside', async () => {
    const code = pythonAssetsModule(prepared, '/course');
    const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {
      urls: Record<string, string>;
      rawBytes: Record<string, number>;
      gzipBytes: Record<string, number>;
      versions: Record<string, string>;
      lockFileInfo: Record<string, string>;
    };
    expect(module.urls.stdlib).toBe(`/course/${prepared.files.stdlib.sitePath}`);
    expect(module.urls.licenses).toBe('/course/licenses/python.txt');
    expect(Object.keys(module.rawBytes)).toEqual(['wasm', 'stdlib', 'packages']);
    expect(module.gzipBytes.wasm).toBeGreaterThan(1_000_000);
    expect(module.gzipBytes.wasm).toBeLessThan(module.rawBytes.wasm!);
    expect(module.lockFileInfo).toMatchObject({ arch: 'wasm32', python: module.versions.python });
    expect(module.versions).toEqual({
      python: expect.stringMatching(/^3\.\d+\.\d+$/),
      pyodide: expect.any(String),
      requests: '2.28.1',
    });
  });
});
