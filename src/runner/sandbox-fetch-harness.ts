/**
 * For tests: the sandbox's fetch over the given mock handlers, with what it reports kept for the
 * test to read: network events, blocked explanations, requests still open, tracked body reads.
 */
import type { RequestHandler } from 'msw';
import type { NetworkEvent } from './protocol.ts';
import { createSandboxFetch } from './sandbox-fetch.ts';

export function sandboxFetchFor(handlers: RequestHandler[]) {
  const events: NetworkEvent[] = [];
  const explanations: string[] = [];
  let pending = 0;
  let reads = 0;
  const fetch = createSandboxFetch({
    handlers,
    baseUrl: 'http://127.0.0.1:4321',
    now: () => 0,
    onNetwork: (event) => events.push(event),
    onBlocked: (text) => explanations.push(text),
    tracker: {
      started: () => (pending += 1),
      settled: () => (pending -= 1),
      reading: (work) => {
        reads += 1;
        return work;
      },
    },
  });
  return { fetch, events, explanations, pending: () => pending, reads: () => reads };
}
