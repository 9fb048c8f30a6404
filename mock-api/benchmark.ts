/**
 * Rough cost of the mock API, for the numbers in reports (not a test: machines are noisy).
 * Run: npx tsx mock-api/benchmark.ts
 */
import { getResponse } from 'msw';
import { createMockApi } from './create-mock-api';
import { startMockServer } from './server';

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

const { handlers } = createMockApi();
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

const server = await startMockServer({ port: 0, quiet: true });
try {
  await time('local server, sequential keep-alive GET /users/42', 2000, async () =>
    (await fetch(`${server.url}/users/42`)).text(),
  );
  const batches = 20;
  const started = performance.now();
  for (let batch = 0; batch < batches; batch++) {
    await Promise.all(
      Array.from({ length: 50 }, async (_, index) =>
        (await fetch(`${server.url}/users/${index + 1}`)).text(),
      ),
    );
  }
  const total = performance.now() - started;
  console.log(
    `local server, 50 concurrent GETs x ${batches}: ${((batches * 50) / (total / 1000)).toFixed(0)} requests/s (${total.toFixed(0)} ms)`,
  );
} finally {
  await server.close();
}
