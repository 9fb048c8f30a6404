import type { Root, Code, Parent } from 'mdast';

/**
 * Wraps each ```text output``` fence in a collapsed <details> titled "Expected output", so readers can
 * compare their run with what the lesson expects without the answer being in their face.
 * The fence itself stays a normal code block (highlighted and copyable by Expressive Code).
 */
export function remarkExpectedOutput() {
  return (tree: Root) => {
    visit(tree);
  };
}

function isOutputFence(node: unknown): node is Code {
  const code = node as Code;
  return code.type === 'code' && /(^|\s)output(\s|$)/.test(code.meta ?? '');
}

function visit(parent: Parent): void {
  parent.children = parent.children.map((child) => {
    if (isOutputFence(child)) {
      return {
        type: 'mdxJsxFlowElement',
        name: 'details',
        attributes: [{ type: 'mdxJsxAttribute', name: 'class', value: 'expected-output' }],
        children: [
          {
            type: 'mdxJsxFlowElement',
            name: 'summary',
            attributes: [],
            children: [{ type: 'text', value: 'Expected output' }],
          },
          {
            ...child,
            meta: (child.meta ?? '').replace(/(^|\s)output(?=\s|$)/, ' ').trim() || null,
          },
        ],
      } as unknown as Code;
    }
    if ('children' in child) visit(child as Parent);
    return child;
  });
}
