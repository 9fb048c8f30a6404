"""Zips for the browser's Python, made inside Pyodide's own interpreter (run from Node by
scripts/python/node-pyodide.ts), so that:

- a zip is the same bytes on every machine: entries sorted, one fixed timestamp and mode, deflate
  at level 9 by Pyodide's zlib (pinned with the pyodide package, unlike the system's or Node's);
- a .pyc is exactly what the browser's CPython would have compiled: same bytecode magic number, same
  compiler.

The .pyc files sit beside their module (`json/decoder.pyc`), not in `__pycache__/`: zipimport, which
imports the standard library from /lib/python314.zip, reads only that legacy layout. They are
"unchecked hash-based" (PEP 552): zipimport loads them without reading or hashing the source, and
their bytes do not depend on a timestamp or a time zone.
"""

import importlib.util
import warnings
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644 << 16
DIR_MODE = (0o40755 << 16) | 0x10  # the MS-DOS directory bit too, as zip tools write it


def read_zip(path):
    """The files of a zip, by name (directories left out)."""
    with zipfile.ZipFile(path) as archive:
        return {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if not info.is_dir()
        }


def write_zip(path, files):
    """Writes `files` (name to bytes) as a deterministic zip, with an entry for every directory."""
    directories = set()
    for name in files:
        parts = name.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            directories.add("/".join(parts[:depth]) + "/")
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(directories | set(files)):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            if name in directories:
                info.external_attr = DIR_MODE
                archive.writestr(info, b"")
            else:
                info.external_attr = FILE_MODE
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, files[name], compresslevel=9)


def byte_compile(files, archive, compile_names, keep_source_prefixes):
    """`files` with each module in `compile_names` (paths of .py files) compiled to a .pyc beside it.

    A compiled module keeps its .py only when its path starts with one of `keep_source_prefixes`:
    tracebacks then show its lines (linecache asks zipimport for the source). Every code object is
    named after the path the module has once the zip sits at `archive`, as if compiled there.
    """
    result = {}
    with warnings.catch_warnings():
        # Some modules have invalid escape sequences in strings: not ours to report.
        warnings.simplefilter("ignore")
        for name, data in files.items():
            if name not in compile_names:
                result[name] = data
                continue
            code = compile(data, f"{archive}/{name}", "exec", dont_inherit=True)
            source_hash = importlib.util.source_hash(data)
            result[name + "c"] = _code_to_hash_pyc(code, source_hash, checked=False)
            if name.startswith(tuple(keep_source_prefixes)):
                result[name] = data
    return result
