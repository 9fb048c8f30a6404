/**
 * Puts the packages' zip (`pythonAssets.packages`, fetched as bytes) where Python imports from it. It
 * stays a zip on `sys.path`, read by zipimport, which is what uses its precompiled .pyc files: unpacked
 * into site-packages, a module with its source beside (requests, urllib3) would be compiled again.
 */
import { PYTHON_PACKAGES_ZIP_PATH } from './python-paths.ts';

/** The part of a Pyodide instance this needs. */
export interface PythonForPackages {
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: Uint8Array): void };
  runPython(code: string): unknown;
}

/** Call once per interpreter, after `loadPyodide` and before the learner's code runs. */
export function installPythonPackages(py: PythonForPackages, zip: Uint8Array): void {
  py.FS.mkdirTree(PYTHON_PACKAGES_ZIP_PATH.slice(0, PYTHON_PACKAGES_ZIP_PATH.lastIndexOf('/')));
  py.FS.writeFile(PYTHON_PACKAGES_ZIP_PATH, zip);
  const path = JSON.stringify(PYTHON_PACKAGES_ZIP_PATH);
  py.runPython(`import sys\nif ${path} not in sys.path:\n    sys.path.append(${path})`);
}
