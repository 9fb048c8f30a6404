import { endpoints, scenarios } from '../mock-api/index.ts';
import { axe, test, expect, watchPage } from './fixtures';

test('the home page links to the Mock API reference', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Mock API reference' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mock API reference' })).toBeVisible();
});

test('the reference lists every endpoint and scenario from the mock API metadata', async ({
  page,
}) => {
  const problems = watchPage(page);
  await page.goto('/mock-api/');
  for (const endpoint of endpoints) {
    const method = endpoint.method === 'ANY' ? 'ANY METHOD' : endpoint.method;
    const heading = page.getByRole('heading', {
      level: 3,
      name: `${method} ${endpoint.path}`,
      exact: true,
    });
    const section = page.getByRole('region', { name: `${method} ${endpoint.path}`, exact: true });
    await expect(heading).toBeVisible();
    await expect(section.getByText(endpoint.curl, { exact: true })).toBeVisible();
  }
  const scenarioTable = page.getByRole('table').filter({ hasText: 'What every request does' });
  for (const scenario of scenarios) {
    await expect(
      scenarioTable.getByRole('cell', { name: scenario.label, exact: true }),
    ).toBeVisible();
  }
  // Example responses are real answers from the handlers, rendered at build time.
  const cpython = page.getByRole('region', { name: 'GET /repos/{owner}/{repo}' });
  await expect(cpython.getByText('"stargazers_count": 68432')).toBeVisible();
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.externalRequests).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the reference has no serious axe violations in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/mock-api/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const results = await axe(page).exclude('astro-dev-toolbar').analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    expect(serious, serious.join('\n')).toEqual([]);
  });
}
