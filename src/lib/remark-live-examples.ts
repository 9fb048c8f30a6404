import type { Code, Parent, Root } from 'mdast';

/**
 * Turns each runnable fence (```ts run title="..." [scenario="slow"] [timeout=5000]```) into
 * <LiveExample title code scenario timeout>…the same fence…</LiveExample>. The fence stays a child, so
 * Expressive Code still renders it (highlighting, copy button) and the page reads fine without
 * JavaScript; the component's script upgrades it in place to an editor with Run, Stop and Reset.
 */
export function remarkLiveExamples() {
  return (tree: Root) => {
    visit(tree);
  };
}

/** Reads `key="value"`, `key='value'` and `key=value` pairs from a fence's meta string. */
export function parseMeta(meta: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const match of meta.matchAll(/([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    pairs[match[1]!] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return pairs;
}

export function isRunnableFence(node: unknown): node is Code {
  const code = node as Code;
  return (
    code.type === 'code' &&
    /(^|\s)run(\s|$)/.test(code.meta ?? '') &&
    /^(ts|typescript)$/.test(code.lang ?? '')
  );
}

function attribute(name: string, value: string) {
  return { type: 'mdxJsxAttribute', name, value };
}

function visit(parent: Parent): void {
  parent.children = parent.children.map((child) => {
    if (isRunnableFence(child)) {
      const meta = parseMeta(child.meta ?? '');
      const attributes = [
        attribute('title', meta.title ?? 'Example'),
        attribute('code', child.value),
      ];
      if (meta.scenario) attributes.push(attribute('scenario', meta.scenario));
      if (meta.timeout) attributes.push(attribute('timeout', meta.timeout));
      return {
        type: 'mdxJsxFlowElement',
        name: 'LiveExample',
        attributes,
        children: [child],
      } as unknown as Code;
    }
    if ('children' in child) visit(child as Parent);
    return child;
  });
}
