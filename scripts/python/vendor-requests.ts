/**
 * `npm run python:vendor`: rewrites the browser's Python packages (requests and what it imports) from
 * Debian bookworm's own packages, reproducibly:
 *
 * 1. `apt-get download` each package at the version pinned in src/runner/python/vendor/packages.json
 *    (with `--update`: at apt's current version, recording the new versions and checksums);
 * 2. refuses any .deb whose SHA-256 is not the one recorded;
 * 3. unpacks them with `dpkg-deb -x` and takes their pure-Python files from
 *    usr/lib/python3/dist-packages, each package's copyright file (usr/share/doc/<package>/copyright,
 *    put in its metadata folder as licenses/debian-copyright), and the licence texts those name
 *    (from /usr/share/common-licenses);
 * 4. writes one deterministic zip (sorted entries, fixed timestamps, Pyodide's zlib), checks that
 *    `import requests` works from it in Pyodide, and writes the manifest with the zip's SHA-256.
 *
 * Run it on Debian or Ubuntu with bookworm's sources (it needs apt-get and dpkg-deb); a build never
 * runs it: the zip and the manifest are committed. Running it twice gives the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { format, resolveConfig } from 'prettier';
import { defineCli, EXIT_FAILED, parseCliOrExit } from '../course-cli/cli-args.ts';
import { bootPython, loadZipTools } from './node-pyodide.ts';
import {
  LICENSE_DIR,
  licenseOfCopyright,
  MANIFEST_PATH,
  readManifest,
  referencedLicenseTexts,
  VENDOR_DIR,
  type VendoredPackage,
  type VendorManifest,
} from './vendor-manifest.ts';

/**
 * requests and everything `import requests` imports, as Debian packages them. Debian's urllib3 uses
 * the separate six package (its bundled copy is removed); chardet is needed although charset_normalizer
 * is there, because requests 2.28 accepts only charset_normalizer < 3 and would warn at every import.
 * python3-chardet's dependency on python3-pkg-resources serves only its command-line tool.
 */
const PACKAGES = [
  'python3-requests',
  'python3-urllib3',
  'python3-idna',
  'python3-charset-normalizer',
  'python3-certifi',
  'python3-chardet',
  'python3-six',
];

/** Files of those packages the browser never needs. */
const LEFT_OUT = [
  {
    path: 'certifi/cacert.pem',
    reason:
      "Debian's certifi.where() names the system's bundle (/etc/ssl/certs/ca-certificates.crt), never this copy of Mozilla's; no TLS happens in the browser.",
  },
];

/** Pyodide's own licence, shipped with the site beside the packages' ones. */
const ALWAYS_LICENSE_TEXTS = ['MPL-2.0'];

const ZIP_NAME = 'requests-packages.zip';
const DIST_PACKAGES = join('usr', 'lib', 'python3', 'dist-packages');
const COMMON_LICENSES = '/usr/share/common-licenses';

const cli = defineCli({
  name: 'python:vendor',
  usage: '[--update]',
  summary:
    "Rewrites src/runner/python/vendor/ (the Python packages' zip, its manifest and licence texts) from Debian bookworm's .deb files, checked against the SHA-256 sums in packages.json. Needs apt-get and dpkg-deb.",
  options: { update: { type: 'boolean', default: false } },
  optionHelp: {
    update:
      "Take apt's current version of each package and record its new version and SHA-256 (review the diff).",
  },
});
const { values } = parseCliOrExit(cli);
const update = values.update === true;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `\`${command}\` is not installed. python:vendor runs on Debian or Ubuntu (apt-get, dpkg-deb); a build does not need it, the zip is committed.`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed:\n${result.stderr.trim()}`);
  }
  return result.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

const previous = existsSync(MANIFEST_PATH) ? readManifest() : undefined;
function pinned(name: string): VendoredPackage {
  const entry = previous?.packages.find((pkg) => pkg.package === name);
  if (!entry) {
    throw new Error(
      `${name} is not in ${MANIFEST_PATH} yet. Run \`npm run python:vendor -- --update\` to take apt's current version and record its checksum.`,
    );
  }
  return entry;
}

const work = mkdtempSync(join(tmpdir(), 'python-vendor-'));
try {
  const specs = PACKAGES.map((name) => (update ? name : `${name}=${pinned(name).version}`));
  try {
    run('apt-get', ['download', ...specs], work);
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\nA pinned version may have left the archive after a Debian update: take the new one with \`npm run python:vendor -- --update\` (and review it), or fetch the old .deb from https://snapshot.debian.org/. Run \`apt-get update\` if apt has no bookworm index yet.`,
      { cause: error },
    );
  }

  const files = new Map<string, { from: string; owner: string }>();
  const leftOut = [...LEFT_OUT];
  const licenseTexts = new Set(ALWAYS_LICENSE_TEXTS);
  const packages: VendoredPackage[] = [];
  for (const name of PACKAGES) {
    const debs = readdirSync(work).filter(
      (file) => file.startsWith(`${name}_`) && file.endsWith('.deb'),
    );
    if (debs.length !== 1)
      throw new Error(`Expected one .deb for ${name} in ${work}, found ${debs.length}.`);
    const deb = debs[0]!;
    const hash = sha256(readFileSync(join(work, deb)));
    if (!update && hash !== pinned(name).sha256) {
      throw new Error(
        `${deb} has SHA-256 ${hash}, not the ${pinned(name).sha256} recorded in packages.json. Do not use it unless you know why it changed; \`--update\` records new checksums.`,
      );
    }
    const version = run('dpkg-deb', ['-f', join(work, deb), 'Version']).trim();
    const root = join(work, 'root', name);
    mkdirSync(root, { recursive: true });
    run('dpkg-deb', ['-x', join(work, deb), root]);

    const distPackages = join(root, DIST_PACKAGES);
    const contents = readdirSync(distPackages).sort();
    for (const path of filesUnder(distPackages)) {
      if (path.split('/').includes('__pycache__')) continue;
      if (LEFT_OUT.some((item) => item.path === path)) continue;
      if (/\.so(\.|$)/.test(path)) {
        leftOut.push({
          path,
          reason: 'A compiled extension module: it cannot run in WebAssembly.',
        });
        continue;
      }
      const from = join(distPackages, path);
      if (lstatSync(from).isSymbolicLink()) {
        leftOut.push({ path, reason: 'A symbolic link (to a file outside the package).' });
        continue;
      }
      if (files.has(path))
        throw new Error(`${path} is in both ${files.get(path)!.owner} and ${name}.`);
      files.set(path, { from, owner: name });
    }

    const metadata = contents.filter((entry) => /\.(egg|dist)-info$/.test(entry));
    if (metadata.length !== 1) {
      throw new Error(
        `${name} should have one .egg-info or .dist-info folder, has ${metadata.length}.`,
      );
    }
    const copyrightFile = join(root, 'usr', 'share', 'doc', name, 'copyright');
    const copyright = readFileSync(copyrightFile, 'utf8');
    const copyrightPath = `${metadata[0]}/licenses/debian-copyright`;
    files.set(copyrightPath, { from: copyrightFile, owner: name });
    for (const text of referencedLicenseTexts(copyright)) licenseTexts.add(text);
    packages.push({
      package: name,
      version,
      deb,
      sha256: hash,
      license: licenseOfCopyright(copyright, name),
      contents,
      copyright: copyrightPath,
    });
  }

  // The zip, written and checked by Pyodide's own Python.
  const { py, output } = await bootPython();
  loadZipTools(py);
  const names = [...files.keys()].sort();
  for (const path of names) {
    const target = `/vendor/${path}`;
    py.FS.mkdirTree(target.slice(0, target.lastIndexOf('/')));
    py.FS.writeFile(target, new Uint8Array(readFileSync(files.get(path)!.from)));
  }
  py.runPython(
    `write_zip('/tmp/out.zip', {name: open('/vendor/' + name, 'rb').read() for name in ${JSON.stringify(names)}})`,
  );
  const zip = py.FS.readFile('/tmp/out.zip') as Uint8Array;
  const requestsVersion = packages[0]!.version.replace(/[+-].*$/, '');
  py.FS.writeFile('/lib/check.zip', zip);
  const imported = JSON.parse(
    py.runPython(`
import json, sys, warnings
sys.path.append('/lib/check.zip')
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    import requests
json.dumps({'version': requests.__version__, 'file': requests.__file__, 'warnings': [str(w.message) for w in caught]})
`) as string,
  ) as { version: string; file: string; warnings: string[] };
  if (
    imported.version !== requestsVersion ||
    !imported.file.startsWith('/lib/check.zip/') ||
    imported.warnings.length > 0
  ) {
    throw new Error(
      `The new zip does not give a clean \`import requests\` in Pyodide: ${JSON.stringify(imported)}\n${output.join('\n')}`,
    );
  }

  mkdirSync(LICENSE_DIR, { recursive: true });
  const texts = [...licenseTexts].sort().map((name) => {
    const from = join(COMMON_LICENSES, name);
    if (!existsSync(from)) throw new Error(`${from} is missing: install Debian's base-files.`);
    copyFileSync(from, join(LICENSE_DIR, `${name}.txt`));
    return { file: `licenses/${name}.txt`, sha256: sha256(readFileSync(from)) };
  });

  writeFileSync(join(VENDOR_DIR, ZIP_NAME), zip);
  const manifest: VendorManifest = {
    comment:
      'Written by `npm run python:vendor` (scripts/python/vendor-requests.ts): do not edit by hand. See docs/python.md.',
    source: 'Debian 12 (bookworm), main: https://deb.debian.org/debian',
    packages,
    leftOut,
    licenseTexts: texts,
    zip: { file: ZIP_NAME, sha256: sha256(zip), bytes: zip.length },
  };
  const json = await format(JSON.stringify(manifest), {
    ...(await resolveConfig(MANIFEST_PATH)),
    parser: 'json',
  });
  writeFileSync(MANIFEST_PATH, json);

  for (const pkg of packages) {
    console.log(`${pkg.package} ${pkg.version} (${pkg.license}) ${pkg.sha256}`);
  }
  for (const item of leftOut) console.log(`left out ${item.path}: ${item.reason}`);
  const changed = previous?.zip.sha256 !== manifest.zip.sha256;
  console.log(
    `${ZIP_NAME}: ${files.size} files, ${zip.length} bytes (${gzipSync(zip, { level: 9 }).length} gzip), SHA-256 ${manifest.zip.sha256}${changed ? '' : ' (unchanged)'}; import requests ${imported.version} checked in Pyodide.`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = EXIT_FAILED;
} finally {
  rmSync(work, { recursive: true, force: true });
}
