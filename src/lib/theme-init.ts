/**
 * Runs before first paint, inline in every page's <head>, so the page never flashes the wrong theme
 * and waits for no request. The Content-Security-Policy admits exactly this script by its hash
 * (csp.ts), so inline scripts in general stay forbidden.
 */
export const THEME_INIT_SCRIPT = `(function () {
  var stored = null;
  try {
    stored = localStorage.getItem('theme');
  } catch (e) {
    // Storage can be blocked; fall back to the system preference.
  }
  var dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  var theme = stored === 'light' || stored === 'dark' ? stored : dark ? 'dark' : 'light';
  document.documentElement.dataset.theme = theme;
  var lang = null;
  try {
    lang = localStorage.getItem('code-language');
  } catch (e) {}
  if (lang === 'python' || lang === 'typescript')
    document.documentElement.dataset.codeLanguage = lang;
})();`;
