/**
 * Body reads the runtime did not start are counted while they run, and the program still gets the
 * read's own promise: its value, its rejection and its `this`.
 */
import { describe, expect, it } from 'vitest';
import { countBodyReads } from './body-reads.ts';

class FakeBody {
  constructor(readonly result: Promise<string>) {}
  text(this: FakeBody): Promise<string> {
    return this.result;
  }
}

function deferred() {
  let resolve!: (value: string) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<string>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('countBodyReads', () => {
  it('counts a read from its start until it settles, and moves on each change', async () => {
    const reads = countBodyReads({ Blob: FakeBody });
    const pending = deferred();
    const body = new FakeBody(pending.promise);
    const reading = body.text();
    expect(reads.inProgress()).toBe(1);
    expect(reads.changes()).toBe(1);
    pending.resolve('done');
    expect(await reading).toBe('done');
    await Promise.resolve();
    expect(reads.inProgress()).toBe(0);
    expect(reads.changes()).toBe(2);
  });

  it('hands the caller the rejection as it was, and stops counting the read', async () => {
    const reads = countBodyReads({ Response: FakeBody });
    const failing = deferred();
    const reading = new FakeBody(failing.promise).text();
    failing.reject(new TypeError('body stream errored'));
    await expect(reading).rejects.toThrow('body stream errored');
    await Promise.resolve();
    expect(reads.inProgress()).toBe(0);
  });

  it('keeps the method’s name and its place on the prototype', () => {
    class Body {
      json(): Promise<unknown> {
        return Promise.resolve({});
      }
    }
    countBodyReads({ Request: Body });
    const descriptor = Object.getOwnPropertyDescriptor(Body.prototype, 'json')!;
    expect(descriptor.value.name).toBe('json');
    expect(descriptor.writable).toBe(true);
    expect(Object.hasOwn(new Body(), 'json')).toBe(false);
  });
});
