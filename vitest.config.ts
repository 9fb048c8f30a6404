import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs live in e2e/ and must never be collected by Vitest.
    include: ['src/**/*.test.ts', 'mock-api/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Judging boots a sandbox per check (SECURITY.md): a judged exercise takes seconds on a busy machine.
    testTimeout: 60_000,
    // Hooks that boot Pyodide in Node take seconds, more on a busy machine.
    hookTimeout: 60_000,
    // Most suites wait on child processes (sandboxes, Python), so two workers use two cores well
    // (the default on a two-core machine is one).
    maxWorkers: 2,
  },
});
