import type { Code, Parent, Root } from 'mdast';
import {
  isHelperBlockMeta,
  parseFenceMeta,
  readExampleOptions,
  readHelperBlockOptions,
} from '../schemas/example.ts';
import {
  composeExample,
  foldedDisplay,
  resolveHelpers,
  type HelperBlock,
} from './example-helpers.ts';
import { notePrecompiledSource } from './precompiled-examples.ts';

/**
 * Turns each runnable fence (```ts run id="..." title="..." [scenario="slow"] [timeout=5000]```) into
 * <LiveExample id title code scenario timeout clock compiled>…the same fence…</LiveExample>. Its options are
 * checked against src/schemas/example.ts: a mistake stops the build, naming the file and line. The fence stays a child, so
 * Expressive Code still renders it (highlighting, copy button) and the page reads fine without
 * JavaScript; the component's script upgrades it in place to an editor with Run, Stop and Reset.
 *
 * A ```ts helpers id="..." title="..."``` fence is a helpers block: it stays a plain code block, and a
 * later example with `uses="<id>"` runs its code first, shown folded (src/lib/example-helpers.ts).
 */
export function remarkLiveExamples() {
  return (tree: Root, file: { path?: string }) => {
    visit(tree, file.path ?? 'a lesson', new Set(), new Map());
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

function isHelperFence(node: unknown): boolean {
  const code = node as Code;
  return (
    code.type === 'code' &&
    isHelperBlockMeta(code.meta) &&
    /^(ts|typescript)$/.test(code.lang ?? '')
  );
}

function isPythonSlot(node: unknown): node is Parent {
  const element = node as {
    type?: string;
    name?: string;
    attributes?: { name: string; value: unknown }[];
  };
  return (
    element.type === 'mdxJsxFlowElement' &&
    element.name === 'Fragment' &&
    (element.attributes ?? []).some((item) => item.name === 'slot' && item.value === 'python')
  );
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * The Python beside an example runs too: each ```python``` fence in a `<Fragment slot="python">`
 * (except one marked `norun`, a fragment that cannot run on its own) becomes a LiveExample with
 * `language="python"`. Its id is the TypeScript example's beside it with `-python` added (or
 * `id="..."` in its meta); its options are the lesson check's (`title`, `scenario`, `timeout`).
 */
function livePython(slot: Parent, pairedId: string | null, lesson: string, ids: Set<string>): void {
  slot.children = slot.children.map((child) => {
    const fence = child as Code;
    if (fence.type !== 'code' || fence.lang !== 'python') return child;
    const meta = parseFenceMeta(fence.meta ?? '');
    if (meta.norun === true) return child;
    const title = typeof meta.title === 'string' ? meta.title : 'Python example';
    let id =
      typeof meta.id === 'string'
        ? meta.id
        : pairedId
          ? `${pairedId}-python`
          : `${lesson}-${slug(title) || 'example'}-python`;
    for (let n = 2; ids.has(id); n += 1) id = `${id.replace(/-\d+$/, '')}-${n}`;
    ids.add(id);
    const timeout = typeof meta.timeout === 'string' ? meta.timeout : '10000';
    return {
      type: 'mdxJsxFlowElement',
      name: 'LiveExample',
      attributes: [
        attribute('id', id),
        attribute('title', title),
        attribute('code', fence.value),
        attribute('scenario', typeof meta.scenario === 'string' ? meta.scenario : 'normal'),
        attribute('timeout', timeout),
        attribute('clock', 'real'),
        attribute('language', 'python'),
      ],
      children: [fence],
    } as unknown as Code;
  });
}

/** Walks the tree in document order, so a helpers block is known before the examples that use it. */
function visit(
  parent: Parent,
  path: string,
  ids: Set<string>,
  helpers: Map<string, HelperBlock>,
): void {
  // The last TypeScript example seen among these children: the Python slot beside it takes its id.
  let pairedId: string | null = null;
  parent.children = parent.children.map((child) => {
    if (isPythonSlot(child)) {
      const lesson = slug(path.replace(/^.*lessons\/(?:\d+-)?([^/]+)\/.*$/, '$1'));
      livePython(child, pairedId, lesson, ids);
      return child;
    }
    const where = `${path.replace(/^.*?(lessons\/)/, '$1')} line ${(child as Code).position?.start.line ?? '?'}`;
    if (isHelperFence(child)) {
      const fence = child as Code;
      const options = readHelperBlockOptions(fence.meta ?? '', where);
      if (helpers.has(options.id)) {
        throw new Error(
          `${where}: a helpers block with id "${options.id}" is already above. Give each its own id.`,
        );
      }
      helpers.set(options.id, { id: options.id, title: options.title, code: fence.value });
      return child;
    }
    if (isRunnableFence(child)) {
      const options = readExampleOptions(child.meta ?? '', where);
      if (ids.has(options.id)) {
        throw new Error(
          `${where}: the id "${options.id}" is used twice in this lesson. Give each example its own id.`,
        );
      }
      ids.add(options.id);
      pairedId = options.id;
      const used = resolveHelpers(options.uses, helpers, where);
      const code = composeExample(child.value, used);
      // The page shows the example's own lines, the helpers folded into one comment line.
      const shown: Code = { ...child, value: foldedDisplay(child.value, used) };
      const attributes = [
        attribute('id', options.id),
        attribute('title', options.title),
        attribute('code', code),
        attribute('scenario', options.scenario),
        attribute('timeout', String(options.timeout)),
        attribute('clock', options.clock),
        // Where the build puts its compiled output (src/lib/precompiled-examples.ts).
        attribute('compiled', notePrecompiledSource(code)),
      ];
      return {
        type: 'mdxJsxFlowElement',
        name: 'LiveExample',
        attributes,
        children: [shown],
      } as unknown as Code;
    }
    if ('children' in child) visit(child as Parent, path, ids, helpers);
    return child;
  });
}
