/**
 * Runs one Python snippet of a lesson with the real python3 and requests against the real local mock
 * server (the one `npm run mock-api` starts), started fresh for the snippet so its state (created
 * users, rate-limit windows) is the same on every run.
 *
 * Snippets are written for `npm run mock-api`, i.e. http://127.0.0.1:4010; the check rewrites that
 * address to the test server's port, so readers copy exactly the code that was verified.
 */
import { spawn } from 'node:child_process';
import { isScenarioId } from '../../mock-api/index.ts';
import { startMockServer } from '../../mock-api/server.ts';
import type { LessonExample } from './check-lessons-extract.ts';

export const LESSON_BASE_URL = 'http://127.0.0.1:4010';

export interface PythonRunResult {
  output: string;
  failure: string | null;
}

export async function runPythonExample(example: LessonExample): Promise<PythonRunResult> {
  if (!isScenarioId(example.scenario)) {
    return { output: '', failure: `has an unknown scenario="${example.scenario}"` };
  }
  const server = await startMockServer({ port: 0, scenario: example.scenario, quiet: true });
  try {
    const origin = server.url.replace(/\/$/, '');
    const result = await runPython(
      example.code.replaceAll(LESSON_BASE_URL, origin),
      example.timeout,
    );
    // URLs the snippet prints name the test server; show them as the reader's server would.
    return { ...result, output: result.output.replaceAll(origin, LESSON_BASE_URL) };
  } finally {
    await server.close();
  }
}

function runPython(code: string, timeout: number): Promise<PythonRunResult> {
  return new Promise((resolve) => {
    const child = spawn('python3', ['-'], {
      env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        output: stdout,
        failure: `could not start python3 (${error.message}); install python3 and python3-requests`,
      });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({ output: stdout, failure: `did not finish within ${timeout} ms` });
      } else if (status !== 0) {
        const lastLines = stderr.trim().split('\n').slice(-6).join('\n');
        resolve({ output: stdout, failure: `exited with status ${status}:\n${lastLines}` });
      } else resolve({ output: stdout, failure: null });
    });
    child.stdin.end(code);
  });
}
