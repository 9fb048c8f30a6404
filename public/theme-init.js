// Runs before first paint (a blocking classic script) so the page never flashes the wrong theme.
// It is a file rather than inline so the Content-Security-Policy can forbid inline scripts.
(function () {
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
})();
