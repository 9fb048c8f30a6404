import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The project's own lint rules, applied to a file that would sit in `path`. */
async function restrictedImports(path: string, source: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(source, { filePath: path });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('layering lint rules', () => {
  it('stop the runner from importing the checker, and say where shared shapes go', async () => {
    const messages = await restrictedImports(
      'src/runner/probe.ts',
      "import type { Check } from '../checker/checks-api.ts';\nexport type Probe = Check;\n",
    );
    expect(messages).toEqual([expect.stringContaining('runner/check-contract.ts')]);
  });

  it('stop the runner and the checker from importing UI code', async () => {
    for (const path of ['src/runner/probe.ts', 'src/checker/probe.ts']) {
      const messages = await restrictedImports(
        path,
        "import { loadEditor } from '../editor/load-editor.ts';\nexport const probe = loadEditor;\n",
      );
      expect(messages).toEqual([expect.stringContaining('must not import UI code')]);
    }
  });

  it('let the checker build on the runner', async () => {
    const messages = await restrictedImports(
      'src/checker/probe.ts',
      "import type { RunnableCheck } from '../runner/check-contract.ts';\nexport type Probe = RunnableCheck;\n",
    );
    expect(messages).toEqual([]);
  });

  it('keep mock-api free of app code', async () => {
    const messages = await restrictedImports(
      'mock-api/probe.ts',
      "import { serialize } from '../src/runner/serialize.ts';\nexport const probe = serialize;\n",
    );
    expect(messages).toEqual([expect.stringContaining('mock-api/ must not import from src/')]);
  });
});
