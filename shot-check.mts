import { chromium } from 'playwright';
import { chromiumLaunchOptions } from './scripts/build/chromium-options.ts';
const [out, w] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions());
const context = await browser.newContext({ viewport: { width: Number(w), height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
const page = await context.newPage();
if (process.env.THEME) await page.emulateMedia({ colorScheme: 'dark' });
await page.goto('http://127.0.0.1:4399/exercises/retry-with-backoff/');
const code = `export async function getWithRetry(url: string, maxAttempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url);
    if (![429, 502, 503, 504].includes(response.status) || attempt >= maxAttempts) return response;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
`;
await page.locator('.exercise-static pre').first().click();
await page.waitForTimeout(3000);
await page.evaluate((t) => navigator.clipboard.writeText(t), code);
await page.keyboard.press('ControlOrMeta+A');
await page.keyboard.press('ControlOrMeta+V');
await page.waitForTimeout(500);
await page.getByRole('button', { name: 'Check', exact: true }).click();
await page.getByText(/checks passed\.$/).waitFor({ timeout: 120000 });
await page.waitForTimeout(500);
const item = page.locator('.check-item').filter({ hasText: 'Retry-After: 3 (seconds)' });
await item.locator('.check-timeline').scrollIntoViewIfNeeded();
await item.screenshot({ path: out });
await browser.close();
