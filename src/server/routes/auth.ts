/** `GET /auth/status` (docs/decisions.md §11.4): public; authentication is not implemented yet, so it is off. */
import type { Hono } from 'hono';
import type { AuthStatusJson } from '../../api/health.js';

const OFF: AuthStatusJson = { enabled: false, methods: [] };

/** Registers the auth status route. */
export function authRoutes(app: Hono): void {
  app.get('/auth/status', (c) => c.json(OFF));
}
