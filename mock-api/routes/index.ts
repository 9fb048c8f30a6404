import type { Route } from '../route';
import { authRoutes } from './auth';
import { documentRoutes } from './documents';
import { downRoutes, githubRoutes } from './github';
import { redirectRoutes } from './redirects';
import { resourceRoutes } from './resources';
import { streamingRoutes } from './streaming';
import { toolRoutes } from './tools';
import { unstableRoutes } from './unstable';
import { userRoutes } from './users';

/** Every endpoint, in the order the reference page lists them. */
export const routes: readonly Route[] = [
  ...userRoutes,
  ...resourceRoutes,
  ...documentRoutes,
  ...authRoutes,
  ...toolRoutes,
  ...unstableRoutes,
  ...streamingRoutes,
  ...redirectRoutes,
  ...githubRoutes,
  ...downRoutes,
];
