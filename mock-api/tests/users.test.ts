import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_USER_COUNT } from '../index';
import { API, postJson, useMockApi } from './msw-server';

/** Parses a Link header into `{ rel: url }`. */
function links(header: string | null): Record<string, string> {
  return Object.fromEntries(
    (header ?? '').split(', ').map((part) => {
      const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part) ?? [];
      return [rel, url];
    }),
  );
}

describe('GET /users', () => {
  beforeEach(() => useMockApi());

  it('pages through every user with Link and X-Total-Count', async () => {
    const seen = new Set<number>();
    let url: string | undefined = `${API}/users`;
    let pages = 0;
    while (url) {
      const response: Response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('X-Total-Count')).toBe(String(SEED_USER_COUNT));
      const body = await response.json();
      expect(body.per_page).toBe(20);
      for (const user of body.data) seen.add(user.id);
      url = links(response.headers.get('Link')).next;
      pages++;
    }
    expect(pages).toBe(Math.ceil(SEED_USER_COUNT / 20));
    expect(seen.size).toBe(SEED_USER_COUNT);
  });

  it('keeps filters in the Link URLs and filters by status', async () => {
    const response = await fetch(`${API}/users?page=2&per_page=5&status=inactive`);
    const body = await response.json();
    expect(body.page).toBe(2);
    expect(body.data).toHaveLength(5);
    expect(body.data.every((user: { status: string }) => user.status === 'inactive')).toBe(true);
    const rel = links(response.headers.get('Link'));
    expect(Object.keys(rel).sort()).toEqual(['first', 'last', 'next', 'prev']);
    expect(new URL(rel.prev!).searchParams.get('page')).toBe('1');
    expect(new URL(rel.next!).searchParams.get('status')).toBe('inactive');
    expect(Number(new URL(rel.last!).searchParams.get('page'))).toBe(Math.ceil(body.total / 5));
  });

  it('answers 400 naming the parameter for bad values', async () => {
    for (const [query, field] of [
      ['per_page=500', 'per_page'],
      ['per_page=0', 'per_page'],
      ['page=abc', 'page'],
      ['status=banned', 'status'],
    ]) {
      const response = await fetch(`${API}/users?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
      const body = await response.json();
      expect(body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
      expect(body.detail).toContain(field);
    }
  });
});

describe('GET /users/{id}', () => {
  beforeEach(() => useMockApi());

  it('returns user 42 with a plausible name and email', async () => {
    const response = await fetch(`${API}/users/42`);
    expect(response.status).toBe(200);
    const user = await response.json();
    expect(user.id).toBe(42);
    expect(user.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(user.email).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
  });

  it('answers 404 with a problem body, and 400 for a non-numeric id', async () => {
    const missing = await fetch(`${API}/users/9999`);
    expect(missing.status).toBe(404);
    expect(missing.statusText).toBe('Not Found');
    expect(missing.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
    expect(await missing.json()).toMatchObject({
      title: 'Not Found',
      status: 404,
      type: expect.stringContaining('http'),
    });
    expect((await fetch(`${API}/users/abc`)).status).toBe(400);
    expect((await fetch(`${API}/users/0`)).status).toBe(400);
  });
});

describe('writing users', () => {
  beforeEach(() => useMockApi());

  it('POST creates: 201, Location, the user, then readable', async () => {
    const response = await postJson(`${API}/users`, { name: 'Alice', email: 'alice@example.com' });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    const created = await response.json();
    expect(created).toMatchObject({
      id: SEED_USER_COUNT + 1,
      name: 'Alice',
      email: 'alice@example.com',
      status: 'active',
    });
    const location = response.headers.get('Location');
    expect(location).toBe(`${API}/users/${created.id}`);
    expect(await (await fetch(location!)).json()).toEqual(created);
    expect((await fetch(`${API}/users`)).headers.get('X-Total-Count')).toBe(
      String(SEED_USER_COUNT + 1),
    );
  });

  it('POST with an Idempotency-Key creates once; a repeat replays the 201, another body is refused', async () => {
    const send = (body: unknown, key: string) =>
      fetch(`${API}/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });
    const alice = { name: 'Alice', email: 'alice@example.com' };
    const first = await send(alice, 'key-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const created = await first.json();

    const repeat = await send(alice, 'key-1');
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await repeat.json()).toEqual(created);
    expect((await fetch(`${API}/users`)).headers.get('X-Total-Count')).toBe(
      String(SEED_USER_COUNT + 1),
    );

    const reused = await send({ name: 'Bob', email: 'bob@example.com' }, 'key-1');
    expect(reused.status).toBe(422);
    expect((await reused.json()).detail).toContain('key-1');

    const another = await send(alice, 'key-2');
    expect((await another.json()).id).toBe(created.id + 1);
  });

  it('POST lists each invalid field in a 422', async () => {
    const response = await postJson(`${API}/users`, { name: '', email: 'not-an-email' });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.errors.map((error: { field: string }) => error.field)).toEqual(['name', 'email']);
    const missing = await (await postJson(`${API}/users`, {})).json();
    expect(missing.errors).toEqual([
      { field: 'name', message: 'is required' },
      { field: 'email', message: 'is required' },
    ]);
    expect((await postJson(`${API}/users`, [1, 2])).status).toBe(422);
  });

  it('POST refuses a body that is not JSON (400) or not declared as JSON (415)', async () => {
    const broken = await fetch(`${API}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name": "Alice",',
    });
    expect(broken.status).toBe(400);
    const wrongType = await fetch(`${API}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ name: 'Alice', email: 'alice@example.com' }),
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.statusText).toBe('Unsupported Media Type');
    expect((await wrongType.json()).detail).toContain('text/plain');
  });

  it('PUT replaces (all fields required), PATCH changes only what is sent', async () => {
    const before = await (await fetch(`${API}/users/42`)).json();
    const incomplete = await postJson(`${API}/users/42`, { name: 'Alice Smith' }, 'PUT');
    expect(incomplete.status).toBe(422);

    const replaced = await postJson(
      `${API}/users/42`,
      { name: 'Alice Smith', email: 'alice@example.com' },
      'PUT',
    );
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({
      id: 42,
      name: 'Alice Smith',
      email: 'alice@example.com',
      created_at: before.created_at,
    });

    const patched = await postJson(`${API}/users/42`, { email: 'new@example.com' }, 'PATCH');
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: 'Alice Smith', email: 'new@example.com' });
    expect((await postJson(`${API}/users/42`, { status: 'gone' }, 'PATCH')).status).toBe(422);
    expect((await postJson(`${API}/users/9999`, { email: 'a@b.co' }, 'PATCH')).status).toBe(404);
  });

  it('DELETE answers 204 with an empty body; the user is then 404', async () => {
    const response = await fetch(`${API}/users/42`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.statusText).toBe('No Content');
    expect(await response.text()).toBe('');
    expect((await fetch(`${API}/users/42`)).status).toBe(404);
    expect((await fetch(`${API}/users/42`, { method: 'DELETE' })).status).toBe(404);
  });

  it('starts every run from the same users: changes never leak into the next run', async () => {
    await fetch(`${API}/users/42`, { method: 'DELETE' });
    await postJson(`${API}/users`, { name: 'Alice', email: 'alice@example.com' });
    useMockApi();
    expect((await fetch(`${API}/users/42`)).status).toBe(200);
    expect((await fetch(`${API}/users/${SEED_USER_COUNT + 1}`)).status).toBe(404);
    const again = await postJson(`${API}/users`, { name: 'Bob', email: 'bob@example.com' });
    expect((await again.json()).id).toBe(SEED_USER_COUNT + 1);
  });
});
