/**
 * Every CLI answers --help with its usage on stdout and exit 0, before doing any work
 * (teach:schema writes nothing; the benches start no browser).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const CLIS = [
  'grade',
  'check-exercise',
  'teach:schema',
  'bench',
  'bench:core',
  'bench:exercises',
  'bench:grade',
  'bench:run',
  'bench:mock-api',
  'sandbox',
  'teach:link',
  'new:exercise',
  'exercises:verify',
  'mock-api',
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
      expect(stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: npm run ${script}( -- |$)`));
      expect(stdout).toContain('Exit codes:');
    },
    60_000,
  );
});

describe('a usage error', () => {
  it.each(['sandbox', 'teach:link', 'new:exercise', 'mock-api', 'grade'])(
    'npm run %s -- --no-such-option says what is wrong, points at --help and exits 2',
    async (script) => {
      const result = await new Promise<{ code: number; stderr: string }>((done) => {
        execFile(
          'npm',
          ['run', '--silent', script, '--', '--no-such-option'],
          { cwd: repo },
          (error, _stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Unknown option '--no-such-option'");
      expect(result.stderr).toContain(`Run \`npm run ${script} -- --help\``);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
