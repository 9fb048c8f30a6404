import { describe, expect, it } from 'vitest';
import { formatConsoleLine, formatSerialized, formatTable } from './format.ts';
import { serialize } from './serialize.ts';

const line = (...args: unknown[]) => formatConsoleLine(args.map((arg) => serialize(arg)));

describe('console line text', () => {
  it('prints top-level strings bare and nested strings quoted', () => {
    expect(line('status', 200, { ok: true, name: 'Ada' })).toBe(
      "status 200 { ok: true, name: 'Ada' }",
    );
    expect(line(['a', "it's"])).toBe(`[ 'a', "it's" ]`);
  });

  it('keeps markup as plain characters', () => {
    expect(line('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('prints primitives the way Node does', () => {
    expect(line(-0, NaN, 10n, undefined, null, Symbol('id'), false)).toBe(
      '-0 NaN 10n undefined null Symbol(id) false',
    );
    expect(
      line(
        function named() {},
        class User {},
        () => 1,
      ),
    ).toMatch(/^\[Function: named\] \[class User\] \[Function: (\(anonymous\))?\]$/);
  });

  it('applies format specifiers and drops %c styling', () => {
    expect(line('%s has %d stars%c!', 'cpython', 68432, 'color: red', 'extra')).toBe(
      'cpython has 68432 stars! extra',
    );
    expect(line('100%% done')).toBe('100% done');
  });
});

describe('structures', () => {
  it('marks cycles instead of recursing forever', () => {
    const node: Record<string, unknown> = { name: 'root' };
    node.self = node;
    node.children = [node];
    expect(line(node)).toBe("{ name: 'root', self: [Circular], children: [ [Circular] ] }");
  });

  it('prints repeated but non-circular references in full', () => {
    const shared = { id: 1 };
    expect(line({ a: shared, b: shared })).toBe('{ a: { id: 1 }, b: { id: 1 } }');
  });

  it('stops at the depth limit', () => {
    const deep = { a: { b: { c: { d: { e: { f: 1 } } } } } };
    expect(line(deep)).toBe('{ a: { b: { c: { d: [Object] } } } }');
    expect(formatSerialized(serialize(deep, { maxDepth: 1 }))).toBe('{ a: [Object] }');
    expect(formatSerialized(serialize([[[[[1]]]]]))).toBe('[ [ [ [ [Array] ] ] ] ]');
  });

  it('caps long arrays and strings', () => {
    const numbers = Array.from({ length: 150 }, (_, index) => index);
    expect(formatSerialized(serialize(numbers))).toMatch(/99,\n {2}\.\.\. 50 more items\n\]$/);
    expect(formatSerialized(serialize('x'.repeat(20), { maxStringLength: 5 }), { top: true })).toBe(
      'xxxxx... 15 more characters',
    );
  });

  it('spends a budget of characters across one value, then says how many items were left out', () => {
    const chunk = 'x'.repeat(10_000);
    const grid = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => chunk));
    const line = formatConsoleLine([serialize(grid)]);
    // 40,000 characters of strings, not 100 MB; the rest is counted, not copied.
    expect(line.length).toBeLessThan(45_000);
    expect(line).toContain('... 96 more items');
    expect(line).toMatch(/\.\.\. 99 more items\s*\]$/);
  });

  it('cuts the message and stack of an enormous error', () => {
    const serialized = serialize(new Error('y'.repeat(1_000_000)));
    expect(serialized).toMatchObject({ type: 'error' });
    const { message, stack } = serialized as { message: string; stack: string | null };
    expect(message.length + (stack?.length ?? 0)).toBeLessThanOrEqual(40_000);
  });

  it('breaks wide objects over lines with two-space indentation', () => {
    const repo = {
      full_name: 'python/cpython',
      description: 'The Python programming language',
      owner: { login: 'python' },
    };
    expect(line(repo)).toBe(
      [
        '{',
        "  full_name: 'python/cpython',",
        "  description: 'The Python programming language',",
        "  owner: { login: 'python' }",
        '}',
      ].join('\n'),
    );
  });

  it('prints Map, Set, class instances, dates and quoted keys', () => {
    class User {
      constructor(public name: string) {}
    }
    expect(line(new Map([['a', 1]]), new Set([1, 2]))).toBe("Map(1) { 'a' => 1 } Set(2) { 1, 2 }");
    expect(line(new User('Ada'))).toBe("User { name: 'Ada' }");
    expect(line(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(line({ 'content-type': 'json' })).toBe("{ 'content-type': 'json' }");
    expect(line(Object.create(null))).toBe('[Object: null prototype] {}');
  });

  it('does not call getters', () => {
    let calls = 0;
    const value = {
      get secret() {
        calls += 1;
        return 1;
      },
    };
    expect(line(value)).toBe('{ secret: [Getter] }');
    expect(calls).toBe(0);
  });

  it('survives values whose inspection throws', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no peeking');
        },
      },
    );
    expect(line(hostile)).toBe('[unprintable: no peeking]');
  });
});

describe('errors and web objects', () => {
  it('prints errors as name and message, with extra properties and cause', () => {
    expect(line(new TypeError('Failed to fetch'))).toBe('TypeError: Failed to fetch');
    class NotFoundError extends Error {
      status = 404;
    }
    const error = new NotFoundError('no user 7', { cause: 'db' });
    expect(line(error)).toBe("NotFoundError: no user 7 { status: 404, [cause]: 'db' }");
    const serialized = serialize(error);
    expect(serialized.type === 'error' && serialized.stack).toContain('no user 7');
  });

  it('names subclassed errors by constructor when name was not set', () => {
    class HttpError extends Error {}
    expect(line(new HttpError('boom'))).toBe('HttpError: boom');
  });

  it('summarises Response and Headers', () => {
    const response = new Response('{}', {
      status: 404,
      statusText: 'Not Found',
      headers: { 'Content-Type': 'application/json' },
    });
    const text = line(response);
    expect(text).toContain('Response {');
    expect(text).toContain('status: 404');
    expect(text).toContain("statusText: 'Not Found'");
    expect(text).toContain("headers: Headers { 'content-type': 'application/json' }");
    expect(line(new Headers({ Accept: 'text/plain' }))).toBe("Headers { 'accept': 'text/plain' }");
    expect(line(new URL('https://api.example.com/users?page=2'))).toBe(
      "URL 'https://api.example.com/users?page=2'",
    );
  });

  it('produces data that survives structuredClone unchanged', () => {
    const value = serialize({ when: new Date(0), tags: new Set(['a']), err: new Error('x') });
    expect(structuredClone(value)).toEqual(value);
  });
});

describe('console.table text', () => {
  it('draws rows and columns with an index column', () => {
    const table = formatTable(
      serialize([
        { id: 1, name: 'Ada' },
        { id: 2, role: 'admin' },
      ]),
    );
    expect(table.split('\n')).toEqual([
      '┌─────────┬────┬───────┬─────────┐',
      '│ (index) │ id │ name  │ role    │',
      '├─────────┼────┼───────┼─────────┤',
      "│ 0       │ 1  │ 'Ada' │         │",
      "│ 1       │ 2  │       │ 'admin' │",
      '└─────────┴────┴───────┴─────────┘',
    ]);
  });

  it('puts primitive rows in a Values column and falls back to a line for scalars', () => {
    expect(formatTable(serialize(['x']))).toContain("│ 0       │ 'x'    │");
    expect(formatTable(serialize(42))).toBe('42');
  });
});
