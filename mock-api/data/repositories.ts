/**
 * A snapshot of a few public GitHub repositories, in the shape `GET /repos/{owner}/{repo}` returns.
 * The numbers are fixed (lessons print them), not live: python/cpython has 68432 stars here.
 */
interface RepositorySeed {
  id: number;
  owner: string;
  ownerId: number;
  ownerType: 'Organization' | 'User';
  name: string;
  description: string;
  homepage: string | null;
  language: string;
  license: { key: string; name: string; spdx_id: string } | null;
  topics: string[];
  defaultBranch: string;
  createdAt: string;
  pushedAt: string;
  stars: number;
  forks: number;
  openIssues: number;
  watchers: number;
  size: number;
}

const seeds: RepositorySeed[] = [
  {
    id: 81598961,
    owner: 'python',
    ownerId: 1525981,
    ownerType: 'Organization',
    name: 'cpython',
    description: 'The Python programming language',
    homepage: 'https://www.python.org',
    language: 'Python',
    license: { key: 'other', name: 'Other', spdx_id: 'NOASSERTION' },
    topics: [],
    defaultBranch: 'main',
    createdAt: '2017-02-10T19:23:51Z',
    pushedAt: '2026-11-24T08:41:12Z',
    stars: 68432,
    forks: 32187,
    openIssues: 9371,
    watchers: 1512,
    size: 751203,
  },
  {
    id: 1362490,
    owner: 'psf',
    ownerId: 2186471,
    ownerType: 'Organization',
    name: 'requests',
    description: 'A simple, yet elegant, HTTP library.',
    homepage: 'https://requests.readthedocs.io',
    language: 'Python',
    license: { key: 'apache-2.0', name: 'Apache License 2.0', spdx_id: 'Apache-2.0' },
    topics: [
      'client',
      'cookies',
      'forhumans',
      'http',
      'humans',
      'python',
      'python-requests',
      'requests',
    ],
    defaultBranch: 'main',
    createdAt: '2011-02-13T18:38:17Z',
    pushedAt: '2026-11-20T15:02:44Z',
    stars: 53108,
    forks: 9614,
    openIssues: 241,
    watchers: 1321,
    size: 13402,
  },
  {
    id: 27193779,
    owner: 'nodejs',
    ownerId: 9950313,
    ownerType: 'Organization',
    name: 'node',
    description: 'Node.js JavaScript runtime ✨🐢🚀✨',
    homepage: 'https://nodejs.org',
    language: 'JavaScript',
    license: { key: 'other', name: 'Other', spdx_id: 'NOASSERTION' },
    topics: ['javascript', 'js', 'linux', 'macos', 'mit', 'node', 'nodejs', 'runtime', 'windows'],
    defaultBranch: 'main',
    createdAt: '2014-11-26T19:57:11Z',
    pushedAt: '2026-11-24T10:15:03Z',
    stars: 112874,
    forks: 31452,
    openIssues: 2290,
    watchers: 2961,
    size: 1032145,
  },
  {
    id: 20929025,
    owner: 'microsoft',
    ownerId: 6154722,
    ownerType: 'Organization',
    name: 'TypeScript',
    description: 'TypeScript is a superset of JavaScript that compiles to clean JavaScript output.',
    homepage: 'https://www.typescriptlang.org',
    language: 'TypeScript',
    license: { key: 'apache-2.0', name: 'Apache License 2.0', spdx_id: 'Apache-2.0' },
    topics: ['javascript', 'language', 'typechecker', 'typescript'],
    defaultBranch: 'main',
    createdAt: '2014-06-17T15:28:39Z',
    pushedAt: '2026-11-23T22:47:55Z',
    stars: 105233,
    forks: 12987,
    openIssues: 5412,
    watchers: 2118,
    size: 2460991,
  },
  {
    id: 10270250,
    owner: 'facebook',
    ownerId: 69631,
    ownerType: 'Organization',
    name: 'react',
    description: 'The library for web and native user interfaces.',
    homepage: 'https://react.dev',
    language: 'JavaScript',
    license: { key: 'mit', name: 'MIT License', spdx_id: 'MIT' },
    topics: ['declarative', 'frontend', 'javascript', 'library', 'react', 'ui'],
    defaultBranch: 'main',
    createdAt: '2013-05-24T16:15:54Z',
    pushedAt: '2026-11-24T06:12:30Z',
    stars: 238417,
    forks: 49321,
    openIssues: 912,
    watchers: 6694,
    size: 1194731,
  },
  {
    id: 724712,
    owner: 'rust-lang',
    ownerId: 5430905,
    ownerType: 'Organization',
    name: 'rust',
    description: 'Empowering everyone to build reliable and efficient software.',
    homepage: 'https://www.rust-lang.org',
    language: 'Rust',
    license: { key: 'other', name: 'Other', spdx_id: 'NOASSERTION' },
    topics: ['compiler', 'language', 'rust'],
    defaultBranch: 'master',
    createdAt: '2010-06-16T20:39:03Z',
    pushedAt: '2026-11-24T09:58:21Z',
    stars: 104560,
    forks: 13678,
    openIssues: 10189,
    watchers: 1490,
    size: 1187234,
  },
  {
    id: 157659795,
    owner: 'mswjs',
    ownerId: 44835718,
    ownerType: 'Organization',
    name: 'msw',
    description: 'Industry standard API mocking for JavaScript.',
    homepage: 'https://mswjs.io',
    language: 'TypeScript',
    license: { key: 'mit', name: 'MIT License', spdx_id: 'MIT' },
    topics: ['api', 'mock', 'mocking', 'service-worker', 'testing'],
    defaultBranch: 'main',
    createdAt: '2018-11-15T06:05:34Z',
    pushedAt: '2026-11-21T12:30:18Z',
    stars: 17342,
    forks: 573,
    openIssues: 41,
    watchers: 65,
    size: 9871,
  },
];

export type Repository = ReturnType<typeof toRepository>;

function toRepository(seed: RepositorySeed) {
  const fullName = `${seed.owner}/${seed.name}`;
  const api = `https://api.github.com/repos/${fullName}`;
  return {
    id: seed.id,
    name: seed.name,
    full_name: fullName,
    private: false,
    owner: {
      login: seed.owner,
      id: seed.ownerId,
      type: seed.ownerType,
      html_url: `https://github.com/${seed.owner}`,
      url: `https://api.github.com/users/${seed.owner}`,
    },
    html_url: `https://github.com/${fullName}`,
    description: seed.description,
    fork: false,
    url: api,
    homepage: seed.homepage,
    language: seed.language,
    license: seed.license
      ? { ...seed.license, url: `https://api.github.com/licenses/${seed.license.key}` }
      : null,
    topics: seed.topics,
    visibility: 'public',
    archived: false,
    default_branch: seed.defaultBranch,
    created_at: seed.createdAt,
    updated_at: seed.pushedAt,
    pushed_at: seed.pushedAt,
    size: seed.size,
    stargazers_count: seed.stars,
    // GitHub's API reports stars again under `watchers_count`; real watchers are `subscribers_count`.
    watchers_count: seed.stars,
    subscribers_count: seed.watchers,
    forks_count: seed.forks,
    open_issues_count: seed.openIssues,
    has_issues: true,
    clone_url: `https://github.com/${fullName}.git`,
  };
}

export const repositories: readonly Repository[] = seeds.map(toRepository);

/** GitHub matches owner and repository names case-insensitively and answers with the canonical case. */
export function findRepository(owner: string, name: string): Repository | undefined {
  const wanted = `${owner}/${name}`.toLowerCase();
  return repositories.find((repo) => repo.full_name.toLowerCase() === wanted);
}
