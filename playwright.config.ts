import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/build/chromium-options.ts';

const port = Number(process.env.E2E_PORT ?? 4322);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: 'list',
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // Every spec runs with service workers blocked, as for a reader whose browser refuses them: the
    // whole suite proves the course works without one. e2e/offline.spec.ts allows them to test
    // the offline course.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
  // Serves the already-built site (npm test builds it first) on loopback only. Not `astro preview`:
  // it allows one server per project, which breaks parallel runs.
  webServer: {
    command: `npx tsx scripts/build/serve-static.ts --port ${port} --dir ${process.env.E2E_DIR ?? 'dist'}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
