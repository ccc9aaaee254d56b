/**
 * API-key authentication and the role check (docs/decisions.md §12, D14).
 * Per request: the route's entry in the route table (`public` passes; a path
 * missing from it is not served: 404 to a valid key, so nothing outside the table is reachable), the client's failure window (429), the bearer
 * key looked up by its hash (401), its role and job scope (403). Failures
 * take at least 100 ms and are counted per client.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiKeyRecord, Role, Store } from '../../store/ports/store.js';
import { ROLES } from '../../store/ports/auth.js';
import type { JobViews } from '../job-views.js';
import { errorJson } from '../http-error.js';
import { clientIp } from '../hooks/client-ip.js';
import type { HookSettings } from '../hooks/hook-settings.js';
import { hmacHash, legacyHash, sameHash } from './api-key.js';
import type { AuthConfig } from './auth-config.js';
import { createFailureLimiter } from './failure-limiter.js';
import { jobIdOf, matchRoute, type RouteEntry } from './route-match.js';
import { setIdentity } from './request-identity.js';

export interface AuthDeps {
  store: Store;
  views: JobViews;
  now: () => number;
  auth: AuthConfig;
  hooks: Pick<HookSettings, 'trustedProxies'>;
}

const FAILURE_FLOOR_MS = 100;
const TOUCH_EVERY_MS = 30_000;

/** The level of `role` (higher may do more). */
export const roleLevel = (role: Role): number => ROLES.indexOf(role);

/** The middleware of api-key mode. */
export function authMiddleware(deps: AuthDeps): MiddlewareHandler {
  const limiter = createFailureLimiter(deps.auth.failuresPerMinute, deps.now);
  const touched = new Map<string, number>();
  return async (c, next) => {
    const { entry } = matchRoute(c.req.method, c.req.path);
    if (entry?.access === 'public' || (entry?.pattern === '/metrics' && deps.auth.metricsPublic)) return next();
    const client = clientIp(c, deps.hooks.trustedProxies);
    const wait = limiter.blockedFor(client);
    if (wait > 0) return c.json(errorJson('too many failed authentication attempts'), 429, { 'Retry-After': String(wait) });
    const started = deps.now();
    const found = await authenticate(deps, c.req.header('authorization'));
    if (typeof found === 'string') {
      limiter.fail(client);
      setIdentity(c.req.raw, { failure: found });
      await floor(started, deps.now);
      return c.json(errorJson(found), 401);
    }
    setIdentity(c.req.raw, { key: found });
    const last = touched.get(found.id) ?? 0;
    if (deps.now() - last >= TOUCH_EVERY_MS) {
      touched.set(found.id, deps.now());
      await deps.store.auth.touch(found.id, new Date(deps.now()).toISOString());
    }
    if (entry === undefined) return c.json(errorJson('Not Found'), 404);
    const denied = await deniedReason(deps, found, entry, c);
    if (denied !== undefined) return c.json(errorJson(denied), 403);
    return next();
  };
}

/** The key of `header`, or why there is none. */
async function authenticate(deps: AuthDeps, header: string | undefined): Promise<ApiKeyRecord | string> {
  if (header === undefined || header.trim() === '') return 'missing credentials';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (m === null) return 'invalid authorization header';
  const token = m[1]!;
  const key = (await byHash(deps, hmacHash(deps.auth.hashSecret, token))) ?? (await byHash(deps, legacyHash(token)));
  const now = new Date(deps.now()).toISOString();
  if (key === undefined || key.revokedAt !== undefined || (key.expiresAt !== undefined && key.expiresAt <= now))
    return 'invalid or expired api key';
  return key;
}

async function byHash(deps: AuthDeps, hash: string): Promise<ApiKeyRecord | undefined> {
  const key = await deps.store.auth.keyByHash(hash);
  return key !== undefined && sameHash(hash, key.keyHash) ? key : undefined;
}

async function deniedReason(deps: AuthDeps, key: ApiKeyRecord, entry: RouteEntry, c: Context): Promise<string | undefined> {
  if (entry.access !== 'public' && roleLevel(key.role) < roleLevel(entry.access)) return 'insufficient permissions';
  if (key.scopeJobs === undefined) return undefined;
  const jobId = jobIdOf(entry, c.req.path);
  if (jobId === undefined) return 'insufficient permissions: this key is limited to the jobs of its scope';
  try {
    const view = await deps.views.byIdOrPrefix(decodeURIComponent(jobId));
    return key.scopeJobs.includes(view.entry.alias) ? undefined : 'insufficient permissions: the job is outside the scope of this key';
  } catch {
    return 'insufficient permissions: the job is outside the scope of this key';
  }
}

function floor(started: number, now: () => number): Promise<void> {
  const left = FAILURE_FLOOR_MS - (now() - started);
  return left > 0 ? new Promise((r) => setTimeout(r, left)) : Promise.resolve();
}
