/**
 * How every browser the project starts is launched: the end-to-end tests and the benchmarks.
 * CHROMIUM_PATH if set, else Debian's /usr/bin/chromium when present (CI and these machines cannot
 * download Playwright's browsers), else Playwright's own Chromium on a developer laptop.
 */
import { existsSync } from 'node:fs';

/** Headless flags for these machines: without the network ones Chromium calls hosts it cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(systemChromium)
    ? { executablePath: systemChromium, args: CHROMIUM_ARGS }
    : { args: CHROMIUM_ARGS };
}
