/**
 * A hostile test fixture, run as a program in a sandbox (Node's tests and the browser's adversarial
 * e2e): a sweep, not a list. It calls every method and getter of every global, of its prototype
 * and of an instance, with odd arguments, and prints the places where a prototype of what came
 * back, or was thrown, is not frozen, or "all frozen". Where the checks of one judgement share a
 * sandbox, any such object is a place one check could leave a mark for the next (SECURITY.md).
 */
export const FROZEN_SWEEP = `
const open = new Set<string>();
const seen = new Set<unknown>();
const checkChain = (value: unknown, where: string) => {
  let node: any = value;
  while (node !== null && (typeof node === 'object' || typeof node === 'function')) {
    if (node !== value) {
      if (seen.has(node)) break;
      seen.add(node);
      if (!Object.isFrozen(node)) open.add(where);
    }
    node = Object.getPrototypeOf(node);
  }
};
const pending: Promise<unknown>[] = [];
const settle = (out: any, where: string) => {
  checkChain(out, where);
  if (out && typeof out.then === 'function')
    pending.push(Promise.resolve(out).then((v) => checkChain(v, where + ' resolved'), (e) => checkChain(e, where + ' rejected')));
};
const odd: unknown[] = [undefined, 5, 'x', {}, [1], new Uint8Array(2)];
const g = globalThis as any;
// The run's own capabilities are fresh per run; timers would keep the program alive.
const skip = new Set(['fetch', 'console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'globalThis', 'self', 'eval', 'Function']);
for (const name of Object.getOwnPropertyNames(g)) {
  const root = g[name];
  if (skip.has(name) || !root || (typeof root !== 'object' && typeof root !== 'function')) continue;
  checkChain(root, name);
  const targets: [object, unknown][] = [[root, root]];
  if (typeof root === 'function' && root.prototype) {
    for (const args of [[], ['x'], [{}], [new Uint8Array(2)]]) {
      try { const instance = new root(...args); checkChain(instance, name + ' instance'); targets.push([root.prototype, instance]); break; }
      catch (error) { checkChain(error, 'new ' + name); }
    }
  }
  for (const [holder, self] of targets) {
    for (const key of Reflect.ownKeys(holder)) {
      if (key === 'constructor') continue;
      const where = name + '.' + String(key);
      const descriptor = Object.getOwnPropertyDescriptor(holder, key)!;
      for (const fn of [descriptor.value, descriptor.get]) {
        if (typeof fn !== 'function') continue;
        for (const arg of odd) {
          try { settle(Reflect.apply(fn, self, [arg, arg]), where); } catch (error) { checkChain(error, where + ' threw'); }
        }
      }
    }
  }
}
await Promise.race([Promise.allSettled(pending), new Promise((resolve) => setTimeout(resolve, 1000))]);
console.log([...open].sort().join(', ') || 'all frozen');
`;
