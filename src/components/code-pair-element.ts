/**
 * <code-pair> (CodePair.astro): turns the two code blocks into an ARIA tab set whose choice of
 * language is remembered across the site.
 */
import { getCodeLanguage, setCodeLanguage, type CodeLanguage } from '../lib/preferences.ts';

class CodePair extends HTMLElement {
  connectedCallback() {
    const tablist = this.querySelector<HTMLElement>('[role="tablist"]')!;
    const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    tablist.hidden = false;
    this.classList.add('is-tabbed');
    for (const panel of this.querySelectorAll<HTMLElement>('.code-pair-panel')) {
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', `${panel.id}-tab`);
      panel.tabIndex = 0;
    }
    tablist.addEventListener('click', (event) => {
      const tab = (event.target as Element).closest<HTMLButtonElement>('[role="tab"]');
      if (tab) choose(tab.dataset.language as CodeLanguage);
    });
    tablist.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(document.activeElement as HTMLButtonElement);
      if (index < 0) return;
      const moves: Record<string, number> = {
        ArrowRight: index + 1,
        ArrowLeft: index - 1,
        Home: 0,
        End: tabs.length - 1,
      };
      const target = moves[event.key];
      if (target === undefined) return;
      event.preventDefault();
      const next = tabs[(target + tabs.length) % tabs.length]!;
      choose(next.dataset.language as CodeLanguage);
      next.focus();
    });
    this.show(getCodeLanguage());
  }

  show(language: CodeLanguage) {
    for (const tab of this.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const selected = tab.dataset.language === language;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const panel of this.querySelectorAll<HTMLElement>('.code-pair-panel')) {
      panel.hidden = panel.dataset.language !== language;
    }
  }
}

/** One choice for the whole site: every pair on the page follows it, and later pages too. */
function choose(language: CodeLanguage) {
  setCodeLanguage(language);
  for (const pair of document.querySelectorAll<CodePair>('code-pair')) pair.show(language);
}

customElements.define('code-pair', CodePair);
