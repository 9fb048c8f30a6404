import { seedUsers } from '../data/users';
import { API_HOST } from '../hosts';
import { json, problem } from '../respond';
import type { Route } from '../route';

/** Any token of this form is accepted; there are no real secrets in a mock. */
export const DEMO_TOKEN_PATTERN = /^demo-[A-Za-z0-9]{1,64}$/;
export const DEMO_TOKEN_EXAMPLE = 'demo-abc123';

export const authRoutes: Route[] = [
  {
    id: 'get-me',
    group: 'Authentication',
    method: 'GET',
    host: API_HOST,
    path: '/me',
    description: `The signed-in user. Needs Authorization: Bearer <token>, where the token is "demo-" followed by 1 to 64 letters or digits (e.g. ${DEMO_TOKEN_EXAMPLE}).`,
    params: [
      {
        name: 'Authorization',
        in: 'header',
        required: true,
        description: `Bearer demo-<letters or digits>, e.g. "Bearer ${DEMO_TOKEN_EXAMPLE}".`,
      },
    ],
    responses: [
      {
        status: 200,
        when: 'The token has the demo form; the body is user 42 and the token’s scopes.',
      },
      {
        status: 401,
        when: 'No Authorization header (WWW-Authenticate: Bearer), or a malformed token.',
      },
    ],
    example: { path: '/me', headers: { Authorization: `Bearer ${DEMO_TOKEN_EXAMPLE}` } },
    resolve({ request }) {
      const header = request.headers.get('Authorization');
      if (!header) {
        return problem(401, {
          type: 'missing-credentials',
          detail: `This endpoint needs a token. Send Authorization: Bearer ${DEMO_TOKEN_EXAMPLE}.`,
          headers: { 'WWW-Authenticate': 'Bearer realm="api.example.com"' },
        });
      }
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      if (!match || !DEMO_TOKEN_PATTERN.test(match[1]!)) {
        return problem(401, {
          type: 'invalid-token',
          detail: `The Authorization header must be "Bearer demo-<letters or digits>", e.g. "Bearer ${DEMO_TOKEN_EXAMPLE}".`,
          headers: {
            'WWW-Authenticate':
              'Bearer realm="api.example.com", error="invalid_token", error_description="malformed token"',
          },
        });
      }
      const user = seedUsers.find((candidate) => candidate.id === 42)!;
      return json({ ...user, scopes: ['users:read', 'users:write'] });
    },
  },
];
