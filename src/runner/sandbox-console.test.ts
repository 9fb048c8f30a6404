import { describe, expect, it } from 'vitest';
import type { FromSandbox } from './protocol.ts';
import { createSandboxConsole } from './sandbox-console.ts';
import { formatConsoleLine } from './format.ts';

type ConsoleMessage = Extract<FromSandbox, { type: 'console' }>;

function capture(limits?: Parameters<typeof createSandboxConsole>[2]) {
  const messages: ConsoleMessage[] = [];
  const sandbox = createSandboxConsole(
    (message) => messages.push(message),
    () => 0,
    limits,
  );
  const text = () => messages.map((message) => formatConsoleLine(message.args));
  return { ...sandbox, messages, text };
}

describe('sandbox console', () => {
  it('serialises at call time, so later changes do not rewrite history', () => {
    const { console, text } = capture();
    const user = { name: 'Ada' };
    console.log(user);
    user.name = 'Grace';
    expect(text()).toEqual(["{ name: 'Ada' }"]);
  });

  it('keeps the method and group depth of each line', () => {
    const { console, messages } = capture();
    console.group('outer');
    console.warn('inside');
    console.groupEnd();
    console.error('after');
    expect(messages.map((m) => [m.method, m.depth])).toEqual([
      ['log', 0],
      ['warn', 1],
      ['error', 0],
    ]);
  });

  it('stops sending at the line cap and counts what it dropped', () => {
    const { console, messages, dropped } = capture({ maxLines: 3 });
    for (let index = 0; index < 10; index += 1) console.log(index);
    expect(messages).toHaveLength(3);
    expect(dropped()).toBe(7);
  });

  it('says once, at the first dropped call, that the cap was reached', () => {
    let capped = 0;
    const messages: unknown[] = [];
    const { console } = createSandboxConsole(
      (message) => messages.push(message),
      () => 0,
      { maxLines: 2 },
      () => (capped += 1),
    );
    console.log(1);
    console.log(2);
    expect(capped).toBe(0);
    for (let index = 0; index < 5; index += 1) console.log(index);
    expect(capped).toBe(1);
  });

  it('stops sending at the character cap', () => {
    const { console, messages, dropped } = capture({ maxChars: 10 });
    console.log('x'.repeat(8));
    console.log('y'.repeat(8));
    console.log('z');
    expect(messages).toHaveLength(2);
    expect(dropped()).toBe(1);
  });

  it('marks sandbox explanations as from the sandbox, and counts them toward the cap', () => {
    const { console, explain, messages, dropped } = capture({ maxLines: 2 });
    console.log('a');
    explain('warn', 'blocked');
    expect(messages.at(-1)).toMatchObject({ source: 'sandbox', method: 'warn' });
    // 20,000 blocked requests must not become 20,000 lines on the page.
    explain('warn', 'blocked again');
    console.log('b');
    expect(messages).toHaveLength(2);
    expect(dropped()).toBe(2);
  });

  it('cuts one huge line, saying how much it left out', () => {
    const { console, text } = capture({ maxLineChars: 100 });
    const big = Array.from({ length: 50 }, () => 'x'.repeat(1000));
    console.log(big, big);
    const [line] = text();
    expect(line!.length).toBeLessThan(200);
    expect(line).toMatch(/… \(\d+ more characters not shown: one line shows at most 100\)$/);
  });

  it('implements count, assert and table', () => {
    const { console, messages, text } = capture();
    console.count();
    console.count();
    console.assert(1 > 2, 'math');
    console.assert(true, 'never');
    console.table([{ a: 1 }]);
    expect(text().slice(0, 3)).toEqual(['default: 1', 'default: 2', 'Assertion failed: math']);
    expect(messages.at(-1)?.method).toBe('table');
  });
});
