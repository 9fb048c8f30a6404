/**
 * Where the browser's Python packages live in the repository, and the manifest that records where they
 * came from (src/runner/python/vendor/packages.json, written by `npm run python:vendor`). The build
 * reads only these committed files: a fresh machine needs neither apt nor a network to build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const VENDOR_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  'src',
  'runner',
  'python',
  'vendor',
);
export const MANIFEST_PATH = join(VENDOR_DIR, 'packages.json');
/** Licence texts the packages' copyright files refer to, and Pyodide's and CPython's. */
export const LICENSE_DIR = join(VENDOR_DIR, 'licenses');

/** One Debian binary package whose Python files are in the zip. */
export interface VendoredPackage {
  /** Debian's package name, e.g. `python3-requests`. */
  package: string;
  /** Debian's version, e.g. `2.28.1+dfsg-1` (upstream version, then Debian's revision). */
  version: string;
  /** The .deb file `apt-get download` fetched. */
  deb: string;
  /** SHA-256 of that .deb: `npm run python:vendor` refuses any other bytes. */
  sha256: string;
  /** SPDX id of the licence of the package's code (the `Files: *` paragraph of its copyright file). */
  license: string;
  /** What it puts at the top of the zip (modules, packages and their metadata folders). */
  contents: string[];
  /** Path in the zip of its Debian copyright file. */
  copyright: string;
}

export interface VendorManifest {
  comment: string;
  /** Where the packages come from. */
  source: string;
  packages: VendoredPackage[];
  /** Files of those packages left out of the zip, and why. */
  leftOut: { path: string; reason: string }[];
  /** Licence texts in `licenses/` named by the copyright files (Debian's common-licenses). */
  licenseTexts: { file: string; sha256: string }[];
  /** The zip itself: the pure-Python packages and their copyright files, sources only. */
  zip: { file: string; sha256: string; bytes: number };
}

export function readManifest(path = MANIFEST_PATH): VendorManifest {
  return JSON.parse(readFileSync(path, 'utf8')) as VendorManifest;
}

/** Debian's licence short names (copyright-format 1.0) as SPDX ids, for the ones our packages use. */
export const SPDX_BY_DEBIAN_NAME: Record<string, string> = {
  Apache: 'Apache-2.0',
  'Apache-2.0': 'Apache-2.0',
  Expat: 'MIT',
  'BSD-3-clause': 'BSD-3-Clause',
  'MPL-2': 'MPL-2.0',
  'MPL-2.0': 'MPL-2.0',
  'LGPL-2.1+': 'LGPL-2.1-or-later',
  'PSF-2': 'PSF-2.0',
};

/**
 * The licence of a package's own code, from its machine-readable copyright file: the `License:` of
 * the `Files: *` paragraph.
 */
export function licenseOfCopyright(copyright: string, packageName: string): string {
  const paragraph = copyright
    .split(/\n\s*\n/)
    .find((text) => /^Files:\s*\*\s*$/m.test(text) && /^License:/m.test(text));
  const name = paragraph?.match(/^License:\s*(\S+)/m)?.[1];
  if (!name) {
    throw new Error(
      `${packageName}'s copyright file has no "Files: *" paragraph with a License: line, so its licence cannot be read. Read the file and record the licence by hand.`,
    );
  }
  const spdx = SPDX_BY_DEBIAN_NAME[name];
  if (!spdx) {
    throw new Error(
      `${packageName} is licensed "${name}", which scripts/python/vendor-manifest.ts does not know. Check that the licence allows shipping it in the site, then add its SPDX id to SPDX_BY_DEBIAN_NAME.`,
    );
  }
  return spdx;
}

/** The licence texts a copyright file points to, e.g. `Apache-2.0` for /usr/share/common-licenses/Apache-2.0. */
export function referencedLicenseTexts(copyright: string): string[] {
  return [
    ...copyright.matchAll(/\/usr\/share\/common-licenses\/([A-Za-z0-9.+-]*[A-Za-z0-9+])/g),
  ].map((match) => match[1]!);
}
