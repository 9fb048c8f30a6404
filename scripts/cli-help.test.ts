/**
 * Every converted CLI answers --help with its usage on stdout and exit 0, before doing any work
 * (teach:schema writes nothing; the benches start no browser).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const CLIS = [
  'grade',
  'check-exercise',
  'teach:schema',
  'bench',
  'bench:core',
  'bench:exercises',
  'bench:grade',
  'bench:run',
];

function help(script: string) {
  return new Promise<{ code: number; stdout: string }>((done) => {
    execFile('npm', ['run', '--silent', script, '--', '--help'], { cwd: repo }, (error, stdout) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

describe('--help', () => {
  it.each(CLIS)(
    'npm run %s -- --help prints its usage and exits 0',
    async (script) => {
      const { code, stdout } = await help(script);
      expect(code).toBe(0);
      expect(stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: npm run ${script} -- `));
      expect(stdout).toContain('Exit codes:');
    },
    60_000,
  );
});
