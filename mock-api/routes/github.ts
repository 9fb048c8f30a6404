import { HttpResponse } from 'msw';
import { findRepository } from '../data/repositories';
import { DOWN_HOST, GITHUB_HOST } from '../hosts';
import { githubError, json } from '../respond';
import type { Route } from '../route';

const REPO_DOCS = 'https://docs.github.com/rest/repos/repos#get-a-repository';

export const githubRoutes: Route[] = [
  {
    id: 'github-repo',
    group: 'GitHub (api.github.com)',
    method: 'GET',
    host: GITHUB_HOST,
    path: '/repos/{owner}/{repo}',
    description:
      'A repository, for python/cpython, psf/requests, nodejs/node, microsoft/TypeScript, facebook/react, rust-lang/rust and mswjs/msw (a fixed snapshot, not live numbers).',
    params: [
      {
        name: 'owner',
        in: 'path',
        required: true,
        description: 'Account name, e.g. python (any case).',
      },
      {
        name: 'repo',
        in: 'path',
        required: true,
        description: 'Repository name, e.g. cpython (any case).',
      },
    ],
    responses: [
      { status: 200, when: 'A known repository, with GitHub’s x-ratelimit-* headers.' },
      {
        status: 404,
        when: 'Any other repository: GitHub’s { message, documentation_url, status } body.',
      },
    ],
    example: { path: '/repos/python/cpython' },
    resolve({ params }) {
      const repo = findRepository(params.owner ?? '', params.repo ?? '');
      return repo ? json(repo) : githubError(404, REPO_DOCS);
    },
  },
];

export const downRoutes: Route[] = [
  {
    id: 'down-host',
    group: 'Unreachable host (down.example.com)',
    method: 'ANY',
    host: DOWN_HOST,
    path: '/*',
    description:
      'Every request to https://down.example.com fails like a host that cannot be reached.',
    params: [],
    responses: [{ status: 0, when: 'Always: a network failure, whatever the scenario.' }],
    example: { path: '/status' },
    resolve() {
      return HttpResponse.error();
    },
  },
];
