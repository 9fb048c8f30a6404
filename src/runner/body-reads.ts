/**
 * Counts reads of bodies the runtime did not fetch for the program: `new Response(text).json()` in
 * a check's fake server, a Blob's `text()`. In Chromium such a read takes real turns of the event
 * loop that no timer or request shows, so on a busy machine the run loop took the pause for a
 * program that waits forever. Installed once per realm at boot, before the intrinsics are frozen,
 * so learner code cannot take the counting off again.
 */
const READERS: readonly [string, readonly string[]][] = [
  ['Response', ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']],
  ['Request', ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']],
  ['Blob', ['arrayBuffer', 'bytes', 'text']],
];

export interface BodyReads {
  /** Reads started and not yet settled. */
  inProgress(): number;
  /** Moves whenever a read starts or settles: progress, for the run loop's idle test. */
  changes(): number;
}

export function countBodyReads(scope: Record<string, unknown> = globalThis): BodyReads {
  let reading = 0;
  let changes = 0;
  for (const [className, names] of READERS) {
    const prototype = (scope[className] as { prototype?: object } | undefined)?.prototype;
    if (!prototype) continue;
    for (const name of names) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      const read: unknown = descriptor?.value;
      if (typeof read !== 'function') continue;
      const counted = {
        // A method, not an arrow: `this` is the body's owner, as for the original.
        [name](this: unknown, ...args: unknown[]): unknown {
          const work = Reflect.apply(read, this, args) as Promise<unknown>;
          reading += 1;
          changes += 1;
          const settle = () => {
            reading -= 1;
            changes += 1;
          };
          // Its own branch: the caller still gets `work`, and its rejection, untouched.
          work.then(settle, settle);
          return work;
        },
      }[name];
      Object.defineProperty(prototype, name, { ...descriptor, value: counted });
    }
  }
  return { inProgress: () => reading, changes: () => changes };
}
