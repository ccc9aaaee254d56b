/**
 * Key management and the audit log (docs/decisions.md §12): admin in api-key
 * mode (the route table says so). A caller cannot mint a role above its own;
 * rotation mints a key with the same role and scope and lets the old one
 * expire after the grace period.
 */
import type { Hono } from 'hono';
import {
  CREATE_KEY_SCHEMA,
  ROTATE_KEY_SCHEMA,
  type AuditEntryJson,
  type CreateKeyRequestJson,
  type CreatedKeyJson,
  type RotateKeyRequestJson,
} from '../../api/auth.js';
import { ROLES, type Role } from '../../store/ports/auth.js';
import { parseDuration } from '../../jobdef/duration.js';
import type { AppDeps } from '../app-deps.js';
import { roleLevel } from '../auth/auth-middleware.js';
import { apiKeyJson, mintKey } from '../auth/key-service.js';
import { identityOf } from '../auth/request-identity.js';
import { bodyValidator, readJson, uuidParam } from '../body.js';
import { badRequest, conflict, HttpError, notFound } from '../http-error.js';

const checkCreate = bodyValidator<CreateKeyRequestJson>(CREATE_KEY_SCHEMA);
const checkRotate = bodyValidator<RotateKeyRequestJson>(ROTATE_KEY_SCHEMA);
const DAY_MS = 86_400_000;

/** Registers `/v1/auth/keys…` and `/v1/auth/audit`. */
export function authKeyRoutes(app: Hono, deps: AppDeps): void {
  const iso = (ms: number): string => new Date(ms).toISOString();

  app.post('/v1/auth/keys', async (c) => {
    const body = checkCreate((await readJson(c)) ?? {});
    const role = roleOf(body.role);
    const caller = identityOf(c.req.raw).key;
    if (caller !== undefined && roleLevel(role) > roleLevel(caller.role))
      throw new HttpError(403, `a ${caller.role} key cannot create a ${role} key`);
    const expiresAt = body.expires_in === undefined ? undefined : iso(deps.now() + durationOf(body.expires_in, 'expires_in'));
    const { plaintext, record } = await mintKey(
      deps.store,
      deps.auth.hashSecret,
      {
        role,
        ...(body.description === undefined ? {} : { description: body.description }),
        ...(body.scope === undefined ? {} : { scopeJobs: body.scope.jobs }),
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(caller === undefined ? {} : { createdBy: caller.keyPrefix }),
      },
      iso(deps.now()),
    );
    const out: CreatedKeyJson = { key: plaintext, api_key: apiKeyJson(record) };
    return c.json(out, 201);
  });

  app.get('/v1/auth/keys', async (c) => c.json((await deps.store.auth.keys()).map(apiKeyJson)));

  app.post('/v1/auth/keys/:id/revoke', async (c) => {
    const id = uuidParam(c, 'id');
    if (!(await deps.store.auth.revoke(id, iso(deps.now())))) throw notFound(`api key ${id} not found or already revoked`);
    return c.json({ status: 'revoked' });
  });

  app.post('/v1/auth/keys/:id/rotate', async (c) => {
    const id = uuidParam(c, 'id');
    const body = checkRotate((await readJson(c)) ?? {});
    const old = await deps.store.auth.key(id);
    if (old === undefined) throw notFound(`api key ${id} not found`);
    if (old.revokedAt !== undefined) throw conflict(`api key ${id} is revoked`);
    const grace = body.grace_period === undefined ? DAY_MS : durationOf(body.grace_period, 'grace_period');
    const caller = identityOf(c.req.raw).key;
    const { plaintext, record } = await mintKey(
      deps.store,
      deps.auth.hashSecret,
      {
        role: old.role,
        description: `${old.description ?? old.keyPrefix} (rotated)`,
        ...(old.scopeJobs === undefined ? {} : { scopeJobs: old.scopeJobs }),
        ...(old.expiresAt === undefined ? {} : { expiresAt: old.expiresAt }),
        ...(caller === undefined ? {} : { createdBy: caller.keyPrefix }),
      },
      iso(deps.now()),
    );
    const graceEnd = iso(deps.now() + grace);
    if (old.expiresAt === undefined || old.expiresAt > graceEnd) await deps.store.auth.setExpiry(id, graceEnd);
    const out: CreatedKeyJson = { key: plaintext, api_key: apiKeyJson(record) };
    return c.json(out, 201);
  });

  app.get('/v1/auth/audit', async (c) => {
    const since = c.req.query('since');
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw badRequest(`since must be an RFC 3339 time; got "${since}"`);
    const limitText = c.req.query('limit') ?? '100';
    const limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 1000)) throw badRequest(`limit must be a whole number between 1 and 1000; got "${limitText}"`);
    const rows = await deps.store.auth.audit({
      ...(since === undefined ? {} : { since: new Date(since).toISOString() }),
      ...(c.req.query('actor') === undefined ? {} : { actor: c.req.query('actor') }),
      ...(c.req.query('action') === undefined ? {} : { action: c.req.query('action') }),
      limit,
    });
    return c.json(
      rows.map((r): AuditEntryJson => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        target: r.target,
        result: r.result,
        status: r.status,
        client_ip: r.clientIp,
      })),
    );
  });
}

function roleOf(raw: string): Role {
  const role = ROLES.find((r) => r === raw.trim().toLowerCase());
  if (role === undefined) throw badRequest(`invalid role: ${raw} (must be admin, operator, runner, or viewer)`);
  return role;
}

function durationOf(raw: string, field: string): number {
  const ms = parseDuration(raw);
  if (ms === undefined || ms <= 0) throw badRequest(`${field} must be a duration such as 30d or 12h; got "${raw}"`);
  return ms;
}
