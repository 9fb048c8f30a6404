/**
 * Pyodide in Node, for the build and the vendoring script: the same interpreter the browser runs, so
 * bytecode compiled here loads there. Python's output is kept (and shown only when something fails).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPyodide, type PyodideInterface } from 'pyodide';

export const ZIP_TOOLS = join(import.meta.dirname, 'zip_tools.py');

export interface NodePython {
  py: PyodideInterface;
  /** Everything Python printed, stdout and stderr interleaved. */
  output: string[];
}

export async function bootPython(
  options: { stdLibURL?: string; env?: Record<string, string> } = {},
): Promise<NodePython> {
  const output: string[] = [];
  const py = await loadPyodide({
    ...options,
    // A copy: loadPyodide adds HOME and PYTHONINSPECT to the object it is given.
    env: { ...options.env },
    stdout: (line) => output.push(line),
    stderr: (line) => output.push(line),
  });
  return { py, output };
}

/** Defines zip_tools.py's functions in the interpreter's globals. */
export function loadZipTools(py: PyodideInterface): void {
  py.runPython(readFileSync(ZIP_TOOLS, 'utf8'));
}

/** Calls a global Python function with JSON-able arguments and returns its result as JSON. */
export function callPython<T>(py: PyodideInterface, name: string, ...args: unknown[]): T {
  py.globals.set('_call_args_json', JSON.stringify(args));
  return JSON.parse(
    py.runPython(`import json\njson.dumps(${name}(*json.loads(_call_args_json)))`) as string,
  ) as T;
}
