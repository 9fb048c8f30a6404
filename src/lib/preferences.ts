/**
 * Reader preferences kept in localStorage. Storage can be blocked or full (private modes, policies);
 * then the choice simply lasts for this page view.
 */
export type Theme = 'light' | 'dark';
export type CodeLanguage = 'typescript' | 'python';

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not persisted; the page still works.
  }
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function setStoredTheme(theme: Theme): void {
  write('theme', theme);
}

export function getCodeLanguage(): CodeLanguage {
  return read('code-language') === 'python' ? 'python' : 'typescript';
}

export function setCodeLanguage(language: CodeLanguage): void {
  write('code-language', language);
  document.documentElement.dataset.codeLanguage = language;
}
