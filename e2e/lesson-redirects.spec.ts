/**
 * Lesson 14, Redirects: its examples run in the browser sandbox, the Network log shows every hop of
 * a redirect (each 3xx with its Location, then the request it led to, the token dropped when the
 * origin changes), Simulate changes what the first hop answers, and a redirect out of the mock API
 * is refused.
 */
import { consoleLines, expect as baseExpect, liveExample, test } from './fixtures';

// Monaco and esbuild load on demand; on a busy two-core machine that can take longer than 5 s.
const expect = baseExpect.configure({ timeout: 30_000 });

const LESSON = '/lessons/redirects/';

test('redirects: every hop is a Network row, the token stays home, Simulate changes the first hop', async ({
  page,
}) => {
  await page.goto(LESSON);

  // A chain of three 302s: four requests, the last one answered.
  const chain = liveExample(page, 'Follow a chain of redirects');
  await chain.run.click();
  await expect(chain.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(chain.console)).toEqual([
    '200 true',
    'https://api.example.com/anything',
    'GET /anything',
  ]);
  const rows = chain.network.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  for (const [index, [request, status]] of [
    ['GET /redirect/3', '302 Found'],
    ['GET /redirect/2', '302 Found'],
    ['GET /redirect/1', '302 Found'],
    ['GET /anything', '200 OK'],
  ].entries()) {
    await expect(rows.nth(index).getByRole('button')).toHaveText(request);
    await expect(rows.nth(index).locator('.network-status')).toHaveText(status);
  }
  const firstHop = chain.network.getByRole('button', { name: 'GET /redirect/3' });
  await firstHop.click();
  await expect(chain.region.locator('.network-details')).toContainText('location: /redirect/2');

  // Simulate: the first hop answers 404, so there is nothing to follow.
  await chain.simulate.selectOption('not-found');
  await chain.run.click();
  await expect(chain.status).toHaveText(/^Finished in \d+ ms\.$/);
  await expect(chain.console.locator('.console-line').first()).toHaveText('404 false');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('.network-status')).toHaveText('404 Not Found');

  // Cross-origin: the hop to api.github.com carries X-Api-Key but no Authorization.
  const credentials = liveExample(page, 'Authorization across a redirect');
  await credentials.run.click();
  await expect(credentials.status).toHaveText(/^Finished in \d+ ms\.$/);
  expect(await consoleLines(credentials.console)).toEqual([
    'same origin:  Bearer demo-abc123 | demo-key',
    'other origin: 200 python/cpython',
  ]);
  await expect(credentials.network.locator('tbody tr')).toHaveCount(4);
  const details = credentials.region.locator('.network-details');
  const toGithub = credentials.network.getByRole('button', {
    name: 'GET api.github.com/repos/python/cpython',
  });
  await toGithub.click();
  await expect(toGithub).toHaveAttribute('aria-expanded', 'true');
  await expect(details).toContainText('x-api-key: demo-key');
  await expect(details).not.toContainText('authorization');
  const redirect = credentials.network.getByRole('button', {
    name: 'GET /redirect-to?url=https://api.github.com/repos/python/cpython',
  });
  await redirect.click();
  await expect(details).toContainText('authorization: Bearer demo-abc123');
  await expect(details).toContainText('location: https://api.github.com/repos/python/cpython');

  // A redirect out of the mock API (down to http://) is refused like any request there, in the
  // browser's sandbox as in Node, and the refused hop already went without Authorization.
  const downgrade = liveExample(page, 'A redirect down to http://');
  await downgrade.run.click();
  await expect(downgrade.status).toHaveText(/^Finished in \d+ ms\.$/);
  const lines = await consoleLines(downgrade.console);
  expect(lines[0]).toMatch(
    /^The redirect from https:\/\/api\.example\.com\/redirect-to\S+ to http:\/\/api\.example\.com\/me was not followed: examples can only reach the course's mock API/,
  );
  expect(lines.at(-1)).toBe('TypeError: Failed to fetch');
  const hops = downgrade.network.locator('tbody tr');
  await expect(hops).toHaveCount(2);
  await expect(hops.nth(0).locator('.network-status')).toHaveText('302 Found');
  await expect(hops.nth(1).locator('.network-status')).toHaveText('failed');
  await hops.nth(1).getByRole('button').click();
  const refused = downgrade.region.locator('.network-details');
  await expect(refused).toContainText('x-api-key: demo-key');
  await expect(refused).not.toContainText('authorization');
});
