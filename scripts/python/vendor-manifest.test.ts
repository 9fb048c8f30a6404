import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PyodideInterface } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootPython, loadZipTools } from './node-pyodide.ts';
import {
  licenseOfCopyright,
  readManifest,
  referencedLicenseTexts,
  VENDOR_DIR,
} from './vendor-manifest.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('reading Debian copyright files', () => {
  const copyright = [
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
    'Upstream-Name: demo',
    '',
    'Files: *',
    'Copyright: 2020 Someone',
    'License: LGPL-2.1+',
    '',
    'Files: debian/*',
    'License: GPL-2',
    ' See /usr/share/common-licenses/GPL-2',
    '',
    'License: LGPL-2.1+',
    ' See /usr/share/common-licenses/LGPL-2.1 for the full license text.',
  ].join('\n');

  it('takes the licence of the Files: * paragraph, as SPDX', () => {
    expect(licenseOfCopyright(copyright, 'python3-demo')).toBe('LGPL-2.1-or-later');
  });

  it('names the common-licenses texts the file points to, without trailing punctuation', () => {
    expect(referencedLicenseTexts(copyright)).toEqual(['GPL-2', 'LGPL-2.1']);
  });

  it('refuses a licence it has not been told is fine to ship, and says what to do', () => {
    expect(() =>
      licenseOfCopyright(copyright.replace('LGPL-2.1+', 'Proprietary'), 'python3-demo'),
    ).toThrow(/"Proprietary".*add its SPDX id to SPDX_BY_DEBIAN_NAME/);
  });
});

describe('the committed packages zip', () => {
  const manifest = readManifest();
  const zip = new Uint8Array(readFileSync(join(VENDOR_DIR, manifest.zip.file)));
  let py: PyodideInterface;
  let entries: { name: string; time: number[]; mode: number; compress: number }[];

  beforeAll(async () => {
    ({ py } = await bootPython());
    loadZipTools(py);
    py.FS.writeFile('/tmp/vendored.zip', zip);
    entries = JSON.parse(
      py.runPython(`
import json, zipfile
json.dumps([{'name': i.filename, 'time': list(i.date_time), 'mode': i.external_attr >> 16, 'compress': i.compress_type}
            for i in zipfile.ZipFile('/tmp/vendored.zip').infolist()])
`) as string,
    ) as typeof entries;
  }, 60_000);

  it('is the zip the manifest records (SHA-256 and size)', () => {
    expect({ sha256: sha256(zip), bytes: zip.length }).toEqual({
      sha256: manifest.zip.sha256,
      bytes: manifest.zip.bytes,
    });
  });

  it('is deterministic: sorted entries, one timestamp and mode, and rewriting it gives the same bytes', () => {
    const names = entries.map((entry) => entry.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(entries.map((entry) => entry.time.join('-')))).toEqual(
      new Set(['1980-1-1-0-0-0']),
    );
    for (const entry of entries) {
      expect(entry.mode).toBe(entry.name.endsWith('/') ? 0o40755 : 0o100644);
    }
    py.runPython("write_zip('/tmp/rewritten.zip', read_zip('/tmp/vendored.zip'))");
    expect(sha256(py.FS.readFile('/tmp/rewritten.zip') as Uint8Array)).toBe(manifest.zip.sha256);
  });

  it('holds each package it lists, with its copyright file, and no compiled code or caches', () => {
    const names = new Set(entries.map((entry) => entry.name));
    expect(manifest.packages.map((pkg) => pkg.package)).toEqual(
      expect.arrayContaining([
        'python3-requests',
        'python3-urllib3',
        'python3-idna',
        'python3-charset-normalizer',
        'python3-certifi',
        'python3-chardet',
        'python3-six',
      ]),
    );
    for (const pkg of manifest.packages) {
      expect(names, pkg.package).toContain(pkg.copyright);
      for (const top of pkg.contents) {
        expect(names.has(top) || names.has(`${top}/`), `${pkg.package}: ${top}`).toBe(true);
      }
      expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(pkg.deb).toBe(`${pkg.package}_${pkg.version.replace(/^\d+:/, '')}_all.deb`);
    }
    expect([...names].filter((name) => /\.(so|pyc)$|__pycache__|\.pem$/.test(name))).toEqual([]);
  });

  it('comes with every licence text its copyright files name', () => {
    for (const text of manifest.licenseTexts) {
      const path = join(VENDOR_DIR, text.file);
      expect(existsSync(path), text.file).toBe(true);
      expect(sha256(readFileSync(path)), text.file).toBe(text.sha256);
    }
  });
});
