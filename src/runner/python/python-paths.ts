/**
 * Where the Python worker puts the packages' zip in Pyodide's file system (and on `sys.path`). The
 * build byte-compiles the packages for this path, so tracebacks name it: keep the two together.
 */
export const PYTHON_PACKAGES_ZIP_PATH = '/lib/python3.14/site-packages/requests-packages.zip';
