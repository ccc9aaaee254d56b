/** `GET /v1/auth/whoami`: the role (and prefix, scope) of the request's key, so a client can tell what it may do. */
import type { Hono } from 'hono';
import type { WhoamiJson } from '../../api/auth.js';
import type { AppDeps } from '../app-deps.js';
import { identityOf } from '../auth/request-identity.js';

/** Registers the whoami route (viewer: any valid key). */
export function whoamiRoutes(app: Hono, deps: Pick<AppDeps, 'auth'>): void {
  app.get('/v1/auth/whoami', (c) => {
    const key = identityOf(c.req.raw).key;
    const body: WhoamiJson =
      deps.auth.mode !== 'api-key' || key === undefined
        ? { auth: deps.auth.mode === 'api-key', role: 'admin' }
        : {
            auth: true,
            role: key.role,
            key_prefix: key.keyPrefix,
            ...(key.description === undefined ? {} : { description: key.description }),
            ...(key.scopeJobs === undefined ? {} : { scope: { jobs: key.scopeJobs } }),
          };
    return c.json(body);
  });
}
