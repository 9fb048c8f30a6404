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

import ast
import importlib.util
import io
import re
import tokenize
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


def leave_out(files, prefixes, keep=()):
    """`files` without those whose name starts with one of `prefixes`, except the names in `keep`.

    Fails when a prefix matches nothing (Pyodide no longer ships it: the list should say so) or a
    name in `keep` is missing.
    """
    unmatched = [p for p in prefixes if not any(name.startswith(p) for name in files)]
    missing = [name for name in keep if name not in files]
    if unmatched or missing:
        raise ValueError(
            f"not in the zip: {unmatched + missing}; update the list of what to leave out"
        )
    return {
        name: data
        for name, data in files.items()
        if name in keep or not name.startswith(tuple(prefixes))
    }


_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=]")


def without_comments(source):
    """`source` (bytes of a Python module) with its comments removed, every line where it was.

    Line numbers, and so tracebacks, stay as they were; an encoding declaration stays too.
    """
    lines = source.splitlines(keepends=True)
    cut_at = {}
    for token in tokenize.tokenize(io.BytesIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        row, column = token.start
        if row <= 2 and _CODING.match(lines[row - 1]):
            continue
        cut_at[row] = column
    result = []
    for row, line in enumerate(lines, 1):
        if row in cut_at:
            ending = line[len(line.rstrip(b"\r\n")) :]
            line = line[: cut_at[row]].rstrip() + ending
        result.append(line)
    return b"".join(result)


def strip_comments(files, prefixes):
    """`files` with the comments taken out of every .py file under one of `prefixes`."""
    return {
        name: without_comments(data)
        if name.endswith(".py") and name.startswith(tuple(prefixes))
        else data
        for name, data in files.items()
    }


def _docstring_free(tree):
    """`tree` (a module's AST) without its docstrings, as `python -OO` compiles it, asserts kept.

    A body that was only a docstring gets a `pass` on the docstring's line; every other line
    keeps its number, so tracebacks still point at the right line.
    """
    for node in ast.walk(tree):
        if not isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            continue
        body = node.body
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            if len(body) == 1:
                body[0] = ast.copy_location(ast.Pass(), body[0])
            else:
                del body[0]
    return tree


def byte_compile(
    files, archive, compile_names, keep_source_prefixes, strip_docstrings_except=None
):
    """`files` with each module in `compile_names` (paths of .py files) compiled to a .pyc beside it.

    A compiled module keeps its .py only when its path starts with one of `keep_source_prefixes`:
    tracebacks then show its lines (linecache asks zipimport for the source). Every code object is
    named after the path the module has once the zip sits at `archive`, as if compiled there.

    With `strip_docstrings_except` (a list of path prefixes), the compiled modules lose their
    docstrings (`__doc__` is None, as under `python -OO`), except those under these prefixes.
    """
    result = {}
    with warnings.catch_warnings():
        # Some modules have invalid escape sequences in strings: not ours to report.
        warnings.simplefilter("ignore")
        for name, data in files.items():
            if name not in compile_names:
                result[name] = data
                continue
            filename = f"{archive}/{name}"
            source = data
            if strip_docstrings_except is not None and not name.startswith(
                tuple(strip_docstrings_except)
            ):
                source = _docstring_free(ast.parse(data, filename))
            code = compile(source, filename, "exec", dont_inherit=True)
            source_hash = importlib.util.source_hash(data)
            result[name + "c"] = _code_to_hash_pyc(code, source_hash, checked=False)
            if name.startswith(tuple(keep_source_prefixes)):
                result[name] = data
    return result
