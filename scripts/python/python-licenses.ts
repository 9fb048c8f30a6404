/**
 * The text of the site's /licenses/python.txt: what the browser's Python is made of, under which
 * licences, where its source is, and every licence text and copyright file that asks to travel with it.
 */
import type { VendorManifest } from './vendor-manifest.ts';

export interface LicenseInputs {
  pyodideVersion: string;
  pythonVersion: string;
  manifest: VendorManifest;
  /** Each package's Debian copyright file, by package name. */
  copyrights: Record<string, string>;
  /** Licence texts by file name in src/runner/python/vendor/licenses/ (e.g. `MPL-2.0.txt`). */
  texts: Record<string, string>;
  /** Site path of the packages' source zip. */
  packagesSourcePath: string;
}

function section(title: string, body: string): string {
  return `\n\n${'='.repeat(78)}\n${title}\n${'='.repeat(78)}\n\n${body.trimEnd()}\n`;
}

export function pythonLicensesText(input: LicenseInputs): string {
  const { manifest } = input;
  const rows = manifest.packages.map(
    (pkg) => `   - ${pkg.package} ${pkg.version} (${pkg.license}): ${pkg.contents.join(', ')}`,
  );
  const referenced = manifest.licenseTexts
    .map((text) => text.file.replace(/^licenses\//, ''))
    .filter((file) => file !== 'MPL-2.0.txt');
  const intro = `Python in this course's examples: what it is made of and its licences
${'-'.repeat(70)}

The Python that runs the course's Python examples in your browser is downloaded only when you run
one. It is made of:

1. Pyodide ${input.pyodideVersion} (pyodide.asm.wasm and its JavaScript), by the Pyodide
   contributors, under the Mozilla Public License 2.0 (part I). Used unmodified.
   Source Code Form: https://github.com/pyodide/pyodide (release ${input.pyodideVersion}).

2. CPython ${input.pythonVersion}, compiled into Pyodide, and its standard library
   (python_stdlib.zip; this site's build byte-compiles some of its modules with the same
   interpreter, otherwise unchanged). Python Software Foundation License Version 2:
   "Copyright (c) 2001 Python Software Foundation; All Rights Reserved" (part II).
   CPython and Pyodide also contain libraries under their own permissive licences (zlib, bzip2,
   liblzma, libmpdec, expat, libffi, HACL*, mimalloc and others): see "Licenses and
   Acknowledgements for Incorporated Software", https://docs.python.org/3/license.html.

3. Python packages from Debian's archive, unchanged apart from byte-compiling. Their
   copyright files are in part III, the licence texts those name in part IV.
   From: ${manifest.source}
${rows.join('\n')}
   Their source, as this site ships it: ${input.packagesSourcePath}
   (and Debian's source packages, https://sources.debian.org/).`;

  return [
    intro,
    section('I. Mozilla Public License 2.0 (Pyodide; also certifi)', input.texts['MPL-2.0.txt']!),
    section(
      `II. CPython's licence (the PSF License Version 2 and the history of Python's licences)`,
      `The text below is CPython's LICENSE file as Debian 12 ships it with Python 3.11
(libpython3.11-stdlib); Python ${input.pythonVersion} is under the same terms, with the PSF notice
"Copyright (c) 2001 Python Software Foundation; All Rights Reserved".

${input.texts['CPython-LICENSE.txt']!}`,
    ),
    section(
      'III. Debian copyright files of the Python packages',
      manifest.packages
        .map(
          (pkg) =>
            `----- ${pkg.package} ${pkg.version} -----\n\n${input.copyrights[pkg.package]!.trimEnd()}`,
        )
        .join('\n\n'),
    ),
    section(
      'IV. Licence texts named by those copyright files',
      referenced
        .map(
          (file) => `----- ${file.replace(/\.txt$/, '')} -----\n\n${input.texts[file]!.trimEnd()}`,
        )
        .join('\n\n'),
    ),
  ].join('');
}
