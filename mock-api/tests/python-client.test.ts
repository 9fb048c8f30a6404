import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../server';

/** The Python example in docs/mock-api.md needs python3 with requests; machines without them skip this test. */
const hasPythonRequests =
  spawnSync('python3', ['-c', 'import requests'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasPythonRequests)('the Python quick start against the local server', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, quiet: true });
  });
  afterAll(() => server.close());

  it('runs with requests and sees pagination, 201, GitHub, a timeout, a connection error and a 404', async () => {
    const child = spawn('python3', ['mock-api/examples/quickstart.py'], {
      env: { ...process.env, MOCK_API_URL: server.url },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 15_000,
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(errors).toBe('');
    expect(code).toBe(0);
    expect(output.trim().split('\n')).toEqual([
      '200 OK 64',
      `${server.url}/users?page=3&per_page=5`,
      `201 ${server.url}/users/65`,
      'python/cpython 68432',
      'gave up on /hang after 1 s',
      '/unreachable: connection error',
      '404 Not Found',
    ]);
  });
});
