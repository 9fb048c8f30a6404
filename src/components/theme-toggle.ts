/** The header's theme toggle (ThemeToggle.astro): pressed = dark, and the choice is remembered. */
import { setStoredTheme } from '../lib/preferences.ts';

export function startThemeToggles(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    const sync = () =>
      button.setAttribute(
        'aria-pressed',
        String(document.documentElement.dataset.theme === 'dark'),
      );
    sync();
    button.hidden = false;
    button.addEventListener('click', () => {
      const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
      document.documentElement.dataset.theme = next;
      setStoredTheme(next);
      sync();
    });
  }
}
