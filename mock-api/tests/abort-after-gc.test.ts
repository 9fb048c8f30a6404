import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMockApi, endpoints, exampleResponse } from '../index';

/**
 * undici links a Request's signal to the signal it was built with only through a weak reference. A
 * caller of `getResponse` that lets go of its Request can therefore lose the abort after a garbage
 * collection, and a `/hang` handler would wait forever. These tests pin down the safe pattern.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const STILL_PENDING = 'still pending';

function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | typeof STILL_PENDING> {
  return Promise.race([
    promise,
    new Promise<typeof STILL_PENDING>((resolve) => setTimeout(() => resolve(STILL_PENDING), ms)),
  ]);
}

describe('aborting a hang survives garbage collection', () => {
  it('when the caller holds its Request until getResponse settles', async () => {
    const { handlers } = createMockApi();
    const controller = new AbortController();
    const request = new Request('https://api.example.com/hang', { signal: controller.signal });
    const pending = new Set([request]);
    const result = getResponse(handlers, request).finally(() => pending.delete(request));
    await new Promise((resolve) => setTimeout(resolve, 20));
    collectGarbage();
    controller.abort();
    const response = await settledWithin(result, 5000);
    expect(response).not.toBe(STILL_PENDING);
    expect((response as Response).type).toBe('error');
  });

  it('in exampleResponse, which the reference page uses for /hang', async () => {
    const hang = endpoints.find((endpoint) => endpoint.id === 'hang')!;
    const gcTimer = setTimeout(collectGarbage, 20);
    const example = await settledWithin(exampleResponse(hang, 100), 5000);
    clearTimeout(gcTimer);
    expect(example).toEqual({ status: 0, statusText: '', headers: [], body: '' });
  });
});
