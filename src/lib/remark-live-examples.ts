import type { Code, Parent, Root } from 'mdast';
import { readExampleOptions } from '../schemas/example.ts';
import { notePrecompiledSource } from './precompiled-examples.ts';

/**
 * Turns each runnable fence (```ts run id="..." title="..." [scenario="slow"] [timeout=5000]```) into
 * <LiveExample id title code scenario timeout clock compiled>…the same fence…</LiveExample>. Its options are
 * checked against src/schemas/example.ts: a mistake stops the build, naming the file and line. The fence stays a child, so
 * Expressive Code still renders it (highlighting, copy button) and the page reads fine without
 * JavaScript; the component's script upgrades it in place to an editor with Run, Stop and Reset.
 */
export function remarkLiveExamples() {
  return (tree: Root, file: { path?: string }) => {
    visit(tree, file.path ?? 'a lesson', new Set());
  };
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

function visit(parent: Parent, path: string, ids: Set<string>): void {
  parent.children = parent.children.map((child) => {
    if (isRunnableFence(child)) {
      const where = `${path.replace(/^.*?(lessons\/)/, '$1')} line ${child.position?.start.line ?? '?'}`;
      const options = readExampleOptions(child.meta ?? '', where);
      if (ids.has(options.id)) {
        throw new Error(
          `${where}: the id "${options.id}" is used twice in this lesson. Give each example its own id.`,
        );
      }
      ids.add(options.id);
      const attributes = [
        attribute('id', options.id),
        attribute('title', options.title),
        attribute('code', child.value),
        attribute('scenario', options.scenario),
        attribute('timeout', String(options.timeout)),
        attribute('clock', options.clock),
        // Where the build puts its compiled output (src/lib/precompiled-examples.ts).
        attribute('compiled', notePrecompiledSource(child.value)),
      ];
      return {
        type: 'mdxJsxFlowElement',
        name: 'LiveExample',
        attributes,
        children: [child],
      } as unknown as Code;
    }
    if ('children' in child) visit(child as Parent, path, ids);
    return child;
  });
}
