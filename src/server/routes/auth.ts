/** `GET /auth/status` (docs/decisions.md §11.4): public; says whether API keys are required. */
import type { Hono } from 'hono';
import type { AuthStatusJson } from '../../api/health.js';
import type { AppDeps } from '../app-deps.js';

/** Registers the auth status route. */
export function authRoutes(app: Hono, deps: Pick<AppDeps, 'auth'>): void {
  const status: AuthStatusJson =
    deps.auth.mode === 'api-key' ? { enabled: true, methods: [{ type: 'api-key' }] } : { enabled: false, methods: [] };
  app.get('/auth/status', (c) => c.json(status));
}
