/**
 * The audit log: one row for every mutating request (who, what, when, and
 * the status it got) and for every failed authentication, in both auth modes.
 * A row that cannot be written is reported to `onError`; the answer stands.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../../store/ports/store.js';
import { clientIp } from '../hooks/client-ip.js';
import type { HookSettings } from '../hooks/hook-settings.js';
import { matchRoute } from './route-match.js';
import { actorOf, identityOf } from './request-identity.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** POST routes that only read: linting, diffing, the read-only database console and GraphQL change nothing, so they leave no row. */
const READ_ONLY_POSTS = new Set(['/v1/jobdefs/lint', '/v1/jobdefs/diff', '/v1/database/query', '/gql']);

export interface AuditDeps {
  store: Store;
  now: () => number;
  hooks: Pick<HookSettings, 'trustedProxies'>;
}

/** Records requests after they were answered. */
export function auditMiddleware(deps: AuditDeps, onError: (error: unknown) => void): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const { failure } = identityOf(c.req.raw);
    const mutating = MUTATING.has(c.req.method) && !(c.req.method === 'POST' && READ_ONLY_POSTS.has(c.req.path));
    if (!mutating && failure === undefined) return;
    const status = c.res.status;
    const { entry } = matchRoute(c.req.method, c.req.path);
    const route = `${c.req.method} ${entry?.pattern ?? c.req.path}`;
    try {
      await deps.store.auth.appendAudit({
        id: randomUUID(),
        at: new Date(deps.now()).toISOString(),
        actor: actorOf(c.req.raw),
        action: failure === undefined ? route : 'auth.failed',
        target: failure === undefined ? c.req.path : route,
        result: failure ?? (status < 400 ? 'ok' : status === 403 ? 'denied' : 'failed'),
        status,
        clientIp: clientIp(c, deps.hooks.trustedProxies),
      });
    } catch (error) {
      onError(error);
    }
  };
}
