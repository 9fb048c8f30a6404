/** DOM helpers the teacher pages share: a required part of the page's HTML, and a child with text. */

export function part<T extends HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`This page's HTML is missing ${selector}.`);
  return found;
}

export function add(parent: Element, tag: string, text = ''): HTMLElement {
  const child = document.createElement(tag);
  child.textContent = text;
  parent.append(child);
  return child;
}
