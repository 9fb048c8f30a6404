/**
 * Rough cost of the mock API, for the numbers in reports (not a test: machines are noisy).
 * Run: npx tsx mock-api/benchmark.ts
 */
import { getResponse } from 'msw';
import { defineCli, parseCliOrExit } from '../scripts/course-cli/cli-args.ts';
import { createMockApi } from './create-mock-api';
import { startMockServer } from './server';

parseCliOrExit(
  defineCli({
    name: 'bench:mock-api',
    usage: '',
    summary:
      "Times the mock API's handlers in process and through the local server (microseconds per request), for the numbers in reports.",
    options: {},
  }),
);

async function time(
  label: string,
  runs: number,
  body: (index: number) => Promise<unknown> | unknown,
): Promise<void> {
  for (let i = 0; i < Math.min(50, runs); i++) await body(i); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) await body(i);
  const total = performance.now() - started;
  console.log(
    `${label}: ${((total / runs) * 1000).toFixed(0)} µs each (${runs} runs, ${total.toFixed(0)} ms)`,
  );
}

await time('createMockApi()', 500, () => createMockApi());

// A clock that moves on with every read keeps the run under the 1000-per-minute budget, so the
// numbers below are for real answers, not 429s.
let fakeTime = Date.UTC(2026, 0, 1);
const { handlers } = createMockApi({ now: () => (fakeTime += 40) });
await time('getResponse GET /users/42', 2000, () =>
  getResponse(handlers, new Request('https://api.example.com/users/42')),
);
await time('getResponse GET /users?per_page=100', 2000, async () =>
  (await getResponse(handlers, new Request('https://api.example.com/users?per_page=100')))!.text(),
);
await time('getResponse GET github /repos/python/cpython', 2000, () =>
  getResponse(handlers, new Request('https://api.github.com/repos/python/cpython')),
);
await time('getResponse 404 fallback', 2000, () =>
  getResponse(handlers, new Request('https://api.example.com/nope')),
);

/** Every answer must be a 200, or the timing would be for error paths. */
async function fetchOk(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}; the benchmark measures 200s only`);
}

// Each server phase stays under the server's 1000-requests-per-minute budget.
const sequential = await startMockServer({ port: 0, quiet: true });
try {
  await time('local server, sequential keep-alive GET /users/42', 900, () =>
    fetchOk(`${sequential.url}/users/42`),
  );
} finally {
  await sequential.close();
}
const concurrent = await startMockServer({ port: 0, quiet: true });
try {
  const batches = 18;
  const started = performance.now();
  for (let batch = 0; batch < batches; batch++) {
    await Promise.all(
      Array.from({ length: 50 }, (_, index) => fetchOk(`${concurrent.url}/users/${index + 1}`)),
    );
  }
  const total = performance.now() - started;
  console.log(
    `local server, 50 concurrent GETs x ${batches}: ${((batches * 50) / (total / 1000)).toFixed(0)} requests/s (${total.toFixed(0)} ms)`,
  );
} finally {
  await concurrent.close();
}
