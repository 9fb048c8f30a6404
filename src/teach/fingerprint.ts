/**
 * The fingerprint of an exercise's checks: SHA-256 of its checks.ts source (line endings made LF, so
 * a checkout on Windows gives the same value). An assignment link records it; grading compares it
 * with the site's current checks, so a change to the checks after the link was made is detected.
 * Web Crypto only: the same code runs in the page, at build time and in the CLI.
 */

/** `sha256-` and 64 lower-case hex digits. */
export const FINGERPRINT_PATTERN = /^sha256-[0-9a-f]{64}$/;

export async function fingerprintChecks(checksSource: string): Promise<string> {
  return sha256(checksSource.replace(/\r\n?/g, '\n'));
}

/**
 * Code as compared for "unchanged": LF line ends, no trailing spaces, no blank lines at either end
 * (what an editor or a download may add), so only a real edit makes it differ from the starter.
 */
export function normalizeCode(code: string): string {
  return code
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');
}

/** The fingerprint of a starter (or any code) after normalizeCode: how "not attempted" is told. */
export function fingerprintCode(code: string): Promise<string> {
  return sha256(normalizeCode(code));
}

async function sha256(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `sha256-${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
