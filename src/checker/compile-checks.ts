/**
 * Compiles an exercise's checks.ts with the checks API (`course:checks`) bundled in, the way the
 * sandbox loads it. Environment-free: the caller passes esbuild (native at build time and in Node).
 */
import { compileExample, describeDiagnostic, type Esbuild } from '../runner/compile.ts';

/** The compiled checks module; a compile error names `file` and the line. */
export async function compileChecksSource(
  esbuild: Esbuild,
  checksSource: string,
  checksApiSource: string,
  file: string,
): Promise<string> {
  const result = await compileExample(esbuild, checksSource, {
    modules: { 'course:checks': checksApiSource },
  });
  if (!result.ok) {
    const first = result.diagnostics[0]!;
    throw new Error(`${file}: ${describeDiagnostic(first)}`);
  }
  return result.js;
}
