/**
 * Times Pyodide in Node from nothing to `import requests` done, with Pyodide's standard library and the
 * vendored packages as they come (source) and with the build's byte-compiled zips
 * (scripts/python/prepare-python-assets.ts), each run a fresh process, taking turns. Medians. The
 * browser is slower than Node, but the ratio is what the .pyc step is for.
 *
 * Usage: npm run bench:python-boot -- [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';
import { installPythonPackages } from '../../src/runner/python/python-packages.ts';
import { defineCli, parseCliOrExit } from '../course-cli/cli-args.ts';
import { PYODIDE_DIR, preparePythonAssets } from '../python/prepare-python-assets.ts';
import { MANIFEST_PATH, readManifest, VENDOR_DIR } from '../python/vendor-manifest.ts';
import { formatTable, log, median, metric } from './bench-report.ts';

interface Sample {
  boot: number;
  importRequests: number;
  total: number;
  /** Modules loaded from a .pyc, and compiled from source, by the end. */
  fromPyc: number;
  fromSource: number;
}

/** One measurement, in this (fresh) process. */
async function child(stdlib: string, packages: string): Promise<Sample> {
  const zip = new Uint8Array(readFileSync(packages));
  const started = performance.now();
  const py = await loadPyodide({ stdLibURL: stdlib, stdout: () => {}, stderr: () => {} });
  const booted = performance.now();
  installPythonPackages(py, zip);
  const origins = (
    py.runPython(
      "import sys, requests\n[getattr(getattr(m, '__spec__', None), 'origin', None) or '' for m in list(sys.modules.values())]",
    ) as { toJs(): string[] }
  ).toJs();
  const done = performance.now();
  return {
    boot: booted - started,
    importRequests: done - booted,
    total: done - started,
    fromPyc: origins.filter((origin) => origin.endsWith('.pyc')).length,
    fromSource: origins.filter((origin) => /\.zip\/.*\.py$/.test(origin)).length,
  };
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(process.argv[3]!, process.argv[4]!)));
} else {
  const { values } = parseCliOrExit(
    defineCli({
      name: 'bench:python-boot',
      usage: '[--runs 5]',
      summary:
        'Times Pyodide in Node to `import requests` done, with source zips and with the build’s .pyc zips, each run a fresh process.',
      options: { runs: { type: 'string', default: '5' } },
    }),
  );
  const runs = Number(values.runs);
  const prepared = await preparePythonAssets();
  const variants = {
    source: [
      join(PYODIDE_DIR, 'python_stdlib.zip'),
      join(VENDOR_DIR, readManifest(MANIFEST_PATH).zip.file),
    ],
    pyc: [prepared.files.stdlib.source, prepared.files.packages.source],
  } as const;
  const samples: Record<keyof typeof variants, Sample[]> = { source: [], pyc: [] };
  for (let i = 0; i < runs; i += 1) {
    const order = (i % 2 ? ['pyc', 'source'] : ['source', 'pyc']) as (keyof typeof variants)[];
    for (const name of order) {
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', ...variants[name]],
        { encoding: 'utf8' },
      );
      if (result.status !== 0)
        throw new Error(`The ${name} run failed:\n${result.stderr.slice(-2000)}`);
      samples[name].push(JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Sample);
    }
    log(`round ${i + 1}/${runs}`);
  }
  const pick = (name: keyof typeof variants, key: keyof Sample) => samples[name].map((s) => s[key]);
  console.log(
    formatTable([
      metric(
        'python.total.source',
        'boot + import requests, source zips',
        'ms',
        pick('source', 'total'),
      ),
      metric(
        'python.total.pyc',
        'boot + import requests, build’s .pyc zips',
        'ms',
        pick('pyc', 'total'),
      ),
      metric('python.boot.source', '  boot only, source', 'ms', pick('source', 'boot')),
      metric('python.boot.pyc', '  boot only, .pyc', 'ms', pick('pyc', 'boot')),
      metric(
        'python.import.source',
        '  import requests, source',
        'ms',
        pick('source', 'importRequests'),
      ),
      metric('python.import.pyc', '  import requests, .pyc', 'ms', pick('pyc', 'importRequests')),
      metric('python.ratio', 'total, .pyc / source', 'x', [
        median(pick('pyc', 'total')) / median(pick('source', 'total')),
      ]),
      metric(
        'python.compiled',
        'modules compiled from source at run time, .pyc zips',
        'count',
        pick('pyc', 'fromSource'),
      ),
    ]),
  );
}
