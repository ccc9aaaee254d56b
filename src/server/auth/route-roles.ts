/**
 * The one route → role table (docs/decisions.md §12, docs/security.md): every
 * route the app registers has a line here, `METHOD path` exactly as the route
 * module registers it, and the least role that may call it. A route missing
 * from the table is denied in api-key mode, and test/server/auth-routes.test.ts
 * fails until it has its line. Roles: viewer reads; runner starts runs,
 * retries and backfills; operator applies, pauses and manages triggers; admin
 * manages keys, reads the audit log and uses the consoles.
 */
import type { Role } from '../../store/ports/auth.js';

/** Who may call a route: `public` needs no key (health, auth status, webhooks with their own signatures). */
export type Access = Role | 'public';

export const ROUTE_ROLES: Readonly<Record<string, Access>> = {
  'GET /health': 'public',
  'GET /auth/status': 'public',
  'POST /v1/hooks/*': 'public',
  // The operator UI's files hold no data (the app asks for a key); see docs/ui.md.
  'GET /': 'public',
  'GET /ui': 'public',
  'GET /favicon.ico': 'public',
  'GET /ui/*': 'public',
  'GET /metrics': 'viewer',
  'GET /v1/jobs': 'viewer',
  'GET /v1/jobs/:id': 'viewer',
  'GET /v1/jobs/:id/tasks': 'viewer',
  'GET /v1/jobs/:id/dag': 'viewer',
  'GET /v1/jobs/:id/definition': 'viewer',
  'GET /v1/jobs/:id/runs': 'viewer',
  'GET /v1/runs': 'viewer',
  'GET /v1/auth/whoami': 'viewer',
  'GET /v1/jobs/:id/runs/:run_id': 'viewer',
  'GET /v1/jobs/:id/runs/:run_id/logs': 'viewer',
  'GET /v1/jobs/:id/cache': 'viewer',
  'GET /v1/jobs/:id/versions': 'viewer',
  'GET /v1/jobs/:id/backfills': 'viewer',
  'GET /v1/jobs/:id/backfills/:backfill_id': 'viewer',
  'GET /v1/events': 'viewer',
  'GET /v1/stats': 'viewer',
  'GET /v1/stats/summary': 'viewer',
  'GET /v1/triggers': 'viewer',
  'GET /v1/triggers/:id': 'viewer',
  'GET /v1/atoms': 'viewer',
  'GET /v1/atoms/:id': 'viewer',
  'GET /v1/nodes/:address/workers': 'viewer',
  'GET /v1/system/nodes': 'viewer',
  'POST /v1/jobdefs/lint': 'viewer',
  'POST /v1/jobdefs/diff': 'viewer',
  'POST /v1/jobs/:id/run': 'runner',
  'POST /v1/jobs/:id/runs/:run_id/callbacks/retry': 'runner',
  'POST /v1/jobs/:id/backfill': 'runner',
  'POST /v1/jobs/:id/runs/:run_id/cancel': 'runner',
  'POST /v1/jobs/:id/runs/:run_id/retry': 'runner',
  // A task's whole launch (its step env) is more than a viewer reads anywhere else (docs/security.md).
  'GET /v1/jobs/:id/runs/:run_id/tasks/:task_id/descriptor': 'runner',
  'POST /v1/jobdefs/apply': 'operator',
  'PUT /v1/jobs/:id/pause': 'operator',
  'PUT /v1/jobs/:id/unpause': 'operator',
  'PUT /v1/jobs/:id/backfills/:backfill_id/cancel': 'operator',
  'GET /v1/auth/keys': 'admin',
  'POST /v1/auth/keys': 'admin',
  'POST /v1/auth/keys/:id/revoke': 'admin',
  'POST /v1/auth/keys/:id/rotate': 'admin',
  'GET /v1/auth/audit': 'admin',
  'POST /v1/admin/prune': 'admin',
  // The consoles exist only when switched on (docs/operator-consoles.md); /gql is never served in api-key mode.
  'GET /v1/logs/stream': 'admin',
  'GET /v1/logs/level': 'admin',
  'PUT /v1/logs/level': 'admin',
  'GET /v1/database/schema': 'admin',
  'POST /v1/database/query': 'admin',
};
