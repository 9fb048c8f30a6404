import { describe, expect, it } from 'vitest';
import { capNetworkEvent, NETWORK_CAPS } from './network-caps.ts';
import { SandboxMessageGuard } from './host-guard.ts';
import type { NetworkEvent } from './protocol.ts';

const honest: NetworkEvent = {
  kind: 'request',
  id: 1,
  time: 0,
  method: 'GET',
  url: 'https://api.example.com/users/1',
  headers: [['accept', 'application/json']],
  body: null,
};

const hostile: NetworkEvent = {
  kind: 'request',
  id: 2,
  time: 1,
  method: 'G'.repeat(1_000),
  url: `https://api.example.com/${'a'.repeat(60_000)}`,
  headers: Array.from({ length: 1_000 }, (_, index) => [`x-h${index}`, 'v'.repeat(1_000)]),
  body: { text: 'b'.repeat(200_000), truncated: 0 },
};

function rowChars(event: NetworkEvent): number {
  if (event.kind !== 'request') return 0;
  return (
    event.url.length +
    event.method.length +
    event.headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0) +
    (event.body?.text.length ?? 0)
  );
}

describe('capNetworkEvent', () => {
  it('keeps an ordinary row as it is', () => {
    expect(capNetworkEvent(honest)).toEqual(honest);
  });

  it('cuts a 60 kB URL, 1,000 headers of 1 kB and a 200 kB body to what a table can lay out', () => {
    const capped = capNetworkEvent(hostile);
    if (capped.kind !== 'request') throw new Error('kind changed');
    expect(capped.url.length).toBeLessThan(NETWORK_CAPS.urlChars + 40);
    expect(capped.url).toMatch(/… \(\d+ more characters\)$/);
    expect(capped.headers.length).toBeLessThanOrEqual(NETWORK_CAPS.headers + 1);
    expect(capped.headers.at(-1)).toEqual(['…', expect.stringMatching(/more headers not shown/)]);
    expect(capped.body).toEqual({
      text: 'b'.repeat(NETWORK_CAPS.bodyChars),
      truncated: 200_000 - NETWORK_CAPS.bodyChars,
    });
    expect(rowChars(capped)).toBeLessThan(90_000);
  });
});

describe('the host guard on network rows', () => {
  it('caps a row from a sandbox that skipped its own caps', () => {
    const guard = new SandboxMessageGuard();
    const smaller = { ...hostile, headers: hostile.headers.slice(0, 100), body: null };
    const admitted = guard.admit({ type: 'network', event: smaller });
    if (typeof admitted === 'string' || admitted.type !== 'network')
      throw new Error(String(admitted));
    expect(rowChars(admitted.event)).toBeLessThan(20_000);
  });

  it('refuses a row of a kind it does not know, or whose headers are not a list of pairs', () => {
    const guard = new SandboxMessageGuard();
    expect(guard.admit({ type: 'network', event: { kind: 'forged', id: 1, time: 0 } })).toBe(
      'refused',
    );
    expect(guard.admit({ type: 'network', event: { ...honest, headers: [42] } })).toBe('refused');
  });
});
