/**
 * The site's Content-Security-Policy, delivered as a <meta> tag so it travels with the static files.
 *
 * - Scripts, connections and workers: our own origin only. `blob:` workers are allowed because the
 *   sandbox may start learner-code workers from blobs; they inherit this policy.
 * - `wasm-unsafe-eval` lets esbuild-wasm and Pagefind compile WebAssembly; it does not allow `eval`.
 * - `style-src 'unsafe-inline'`: Monaco and Expressive Code set inline styles; styles cannot run code.
 * - Scripts also: the theme script in every page's <head> (theme-init.ts), by its hash, so the first
 *   paint waits for no request; and the sandbox frame's one inline script, by its hash (the frame is a srcdoc document,
 *   which inherits this policy), and `blob:`, because the workers that frame starts from blob: URLs
 *   inherit this policy too and import the learner's compiled module from a blob: URL. Only code
 *   already running on the page can make a blob: URL, so this admits nothing from outside.
 * - No frames from anywhere: the sandbox frame is a srcdoc document, which frame-src does not govern.
 * - No third-party origin appears anywhere: fonts and assets are self-hosted.
 * (`frame-ancestors` cannot be set from a meta tag; a host that serves headers should add it.)
 */
import { createHash } from 'node:crypto';
import { FRAME_SCRIPT } from '../runner/sandbox-frame-document.ts';
import { THEME_INIT_SCRIPT } from './theme-init.ts';

const hashOf = (script: string) =>
  `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
const frameScriptHash = hashOf(FRAME_SCRIPT);
const themeScriptHash = hashOf(THEME_INIT_SCRIPT);

export const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${themeScriptHash} ${frameScriptHash} blob:`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
