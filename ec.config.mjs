// @ts-check
// Expressive Code's options live here, not in astro.config.mjs, so the <Code> component (used by the
// pages that are not Markdown, e.g. /teach/authoring/) renders with the same ones as the lessons.
import { defineEcConfig } from 'astro-expressive-code';

export default defineEcConfig({
  themes: ['github-light', 'github-dark'],
  // The theme follows our own data-theme attribute (set from the system or the toggle).
  themeCssSelector: (theme) => `[data-theme='${theme.type}']`,
  useDarkModeMediaQuery: false,
  // Code-block styles inline in the page, like the rest of the CSS: no render-blocking stylesheet.
  emitExternalStylesheet: false,
  // Long lines (a trailing comment, a URL) wrap inside the box, indented as they started, instead of
  // running past it; the editor wraps the same way (create-editor.ts), so the code does not jump.
  defaultProps: { wrap: true, preserveIndent: true },
  styleOverrides: {
    codeFontFamily:
      "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
    uiFontFamily:
      "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', sans-serif",
    borderRadius: '0.5rem',
  },
});
