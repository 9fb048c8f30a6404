/**
 * The site's Content-Security-Policy, delivered as a <meta> tag so it travels with the static files.
 *
 * - Scripts, connections and workers: our own origin only. `blob:` workers are allowed because the
 *   sandbox may start learner-code workers from blobs; they inherit this policy.
 * - `wasm-unsafe-eval` lets esbuild-wasm and Pagefind compile WebAssembly; it does not allow `eval`.
 * - `style-src 'unsafe-inline'`: Monaco and Expressive Code set inline styles; styles cannot run code.
 * - Frames: only our own sandbox frame (sandbox-frame.html, opaque origin, its own stricter policy).
 * - No third-party origin appears anywhere: fonts and assets are self-hosted.
 * (`frame-ancestors` cannot be set from a meta tag; a host that serves headers should add it.)
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
