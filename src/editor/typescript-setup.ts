/**
 * The TypeScript service behind the editor: the same language level the runner compiles for, every
 * example file a module (so top-level `await` works and two examples may both declare `response`),
 * and the browser's types (fetch, Response, AbortSignal.timeout).
 */
import type * as Monaco from 'monaco-editor';

export function configureTypeScript(monaco: typeof Monaco): void {
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    // No `lib`: the default for ESNext is the full set (ES features plus the DOM's fetch, Response,
    // AbortSignal.timeout, ...). Names given here would have to be file names like lib.dom.d.ts.
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
    // 3 = "force": treat every file as a module even without import/export.
    moduleDetection: 3,
  });
  ts.typescriptDefaults.setDiagnosticsOptions({
    noSemanticValidation: false,
    noSyntaxValidation: false,
  });
}
