import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

/** The query of the URL the learner built, after checking it is a string as the contract says. */
function queryOf(href: unknown): URLSearchParams {
  expect(typeof href, 'typeof the value buildUrl returned').toBe('string');
  return new URL(href as string).searchParams;
}

export default [
  check({ name: 'adds simple values after a ?, in order', points: 1 }, ({ learner }) => {
    const href = learner.buildUrl(`${API}/users`, { page: 2, per_page: 50, status: 'active' });
    expect(typeof href, 'typeof the value buildUrl returned').toBe('string');
    expect(href, 'buildUrl(/users, { page: 2, per_page: 50, status: "active" })').toBe(
      `${API}/users?page=2&per_page=50&status=active`,
    );
  }),
  check({ name: 'encodes &, =, #, spaces and non-ASCII text', points: 1 }, ({ learner }) => {
    const query = queryOf(
      learner.buildUrl(`${API}/anything`, { q: 'Ada & Grace = #1', city: 'Zürich' }),
    );
    expect([...query.keys()], 'the parameter names read back').toEqual(['q', 'city']);
    expect(query.get('q'), 'q read back').toBe('Ada & Grace = #1');
    expect(query.get('city'), 'city read back').toBe('Zürich');
  }),
  check({ name: 'sends a list as one repeated key per item', points: 1 }, ({ learner }) => {
    const query = queryOf(learner.buildUrl(`${API}/anything`, { tag: ['new', 'sale'], page: 1 }));
    expect(query.getAll('tag'), 'getAll("tag")').toEqual(['new', 'sale']);
    expect(query.get('page'), 'page').toBe('1');
  }),
  check({ name: 'leaves out undefined and null, also inside a list', points: 1 }, ({ learner }) => {
    const query = queryOf(
      learner.buildUrl(`${API}/anything`, {
        status: undefined,
        owner: null,
        tag: ['a', undefined, null, 'b'],
        page: 1,
      }),
    );
    expect(query.toString(), 'the query string').toBe('tag=a&tag=b&page=1');
  }),
  check({ name: 'keeps 0, false and the empty string', points: 1 }, ({ learner }) => {
    const query = queryOf(learner.buildUrl(`${API}/anything`, { page: 0, archived: false, q: '' }));
    expect(query.toString(), 'the query string').toBe('page=0&archived=false&q=');
  }),
  check({ name: 'keeps the query the base already has', points: 1 }, ({ learner }) => {
    const href = learner.buildUrl(`${API}/users?per_page=5`, { page: 2 });
    expect(href, 'buildUrl(/users?per_page=5, { page: 2 })').toBe(`${API}/users?per_page=5&page=2`);
  }),
  check(
    { name: 'the server reads back every value as it was meant', points: 1 },
    async ({ learner }) => {
      const href = learner.buildUrl(`${API}/anything`, {
        q: 'Ada & Grace',
        tag: ['new', 'sale'],
        status: undefined,
        page: 1,
      });
      const response = await fetch(href, { signal: AbortSignal.timeout(5_000) });
      const echoed = (await response.json()) as { query: unknown };
      expect(echoed.query, 'the query /anything echoed').toEqual({
        q: 'Ada & Grace',
        tag: ['new', 'sale'],
        page: '1',
      });
    },
  ),
];
