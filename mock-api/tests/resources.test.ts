import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TOKEN_EXAMPLE } from '../index';
import { API, GITHUB, useMockApi } from './msw-server';

describe('other api.example.com resources', () => {
  beforeEach(() => useMockApi());

  it('/data and /products answer JSON', async () => {
    const data = await fetch(`${API}/data`);
    expect(data.status).toBe(200);
    expect((await data.json()).items.length).toBeGreaterThan(0);

    const products = await fetch(`${API}/products?per_page=5`);
    expect(products.headers.get('X-Total-Count')).toBe('14');
    const body = await products.json();
    expect(body.data).toHaveLength(5);
    expect(body.data[0]).toMatchObject({ id: 1, currency: 'USD' });
    expect((await fetch(`${API}/products?per_page=101`)).status).toBe(400);
  });
});

describe('GET /me', () => {
  beforeEach(() => useMockApi());

  it('answers 401 with WWW-Authenticate: Bearer when no token is sent', async () => {
    const response = await fetch(`${API}/me`);
    expect(response.status).toBe(401);
    expect(response.statusText).toBe('Unauthorized');
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    expect((await response.json()).detail).toContain('Bearer demo-');
  });

  it('answers 401 with a problem body for a malformed token', async () => {
    for (const header of [
      'Bearer secret',
      'Bearer demo-',
      'Token demo-abc123',
      'Bearer demo-abc 123',
    ]) {
      const response = await fetch(`${API}/me`, { headers: { Authorization: header } });
      expect(response.status).toBe(401);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
      expect((await response.json()).type).toContain('invalid-token');
    }
  });

  it('returns the signed-in user for any demo token', async () => {
    for (const token of [DEMO_TOKEN_EXAMPLE, 'demo-X9']) {
      const response = await fetch(`${API}/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect((await response.json()).id).toBe(42);
    }
  });
});

describe('api.github.com', () => {
  beforeEach(() => useMockApi());

  it('serves python/cpython as the first lesson prints it', async () => {
    const response = await fetch(`${GITHUB}/repos/python/cpython`);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    const repo = await response.json();
    expect(repo).toMatchObject({
      full_name: 'python/cpython',
      description: 'The Python programming language',
      stargazers_count: 68432,
      language: 'Python',
      html_url: 'https://github.com/python/cpython',
      default_branch: 'main',
    });
    expect(repo.forks_count).toBeGreaterThan(0);
    expect(repo.open_issues_count).toBeGreaterThan(0);
    expect(response.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(response.headers.get('x-ratelimit-used')).toBe('1');
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('matches owner and name case-insensitively', async () => {
    const repo = await (await fetch(`${GITHUB}/repos/Microsoft/typescript`)).json();
    expect(repo.full_name).toBe('microsoft/TypeScript');
  });

  it('answers unknown repositories with GitHub’s 404 body', async () => {
    const response = await fetch(`${GITHUB}/repos/python/no-such-repo`);
    expect(response.status).toBe(404);
    expect(response.statusText).toBe('Not Found');
    expect(await response.json()).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
      status: '404',
    });
    expect((await fetch(`${GITHUB}/nothing/here`)).status).toBe(404);
  });
});
