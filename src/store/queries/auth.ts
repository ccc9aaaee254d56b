/** API keys and the audit log (see ports/auth.ts). */
import type { ApiKeyRecord, AuditRecord, AuthQueries, Role } from '../ports/auth.js';
import type { Db } from '../db.js';
import type { ApiKeysTable, AuditLogTable } from '../schema.js';

/** Auth queries over `db`. */
export function authQueries(db: Db): AuthQueries {
  return {
    async insertKey(key) {
      await db.insertInto('api_keys').values(keyRow(key)).execute();
    },
    async keyByHash(hash) {
      const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
      return row === undefined ? undefined : keyRecord(row);
    },
    async key(id) {
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : keyRecord(row);
    },
    async keys() {
      const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(keyRecord);
    },
    async hasLiveAdmin(now) {
      const row = await db
        .selectFrom('api_keys')
        .select('id')
        .where('role', '=', 'admin')
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      return row !== undefined;
    },
    async revoke(id, at) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setExpiry(id, expiresAt) {
      await db.updateTable('api_keys').set({ expires_at: expiresAt }).where('id', '=', id).execute();
    },
    async touch(id, at) {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async appendAudit(record) {
      const row: AuditLogTable = {
        id: record.id,
        at: record.at,
        actor: record.actor,
        action: record.action,
        target: record.target,
        result: record.result,
        status: record.status,
        client_ip: record.clientIp,
      };
      await db.insertInto('audit_log').values(row).execute();
    },
    async audit(query) {
      let q = db.selectFrom('audit_log').selectAll();
      if (query.since !== undefined) q = q.where('at', '>=', query.since);
      if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
      if (query.action !== undefined) q = q.where('action', '=', query.action);
      const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
      return rows.map((r): AuditRecord => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        target: r.target,
        result: r.result,
        status: Number(r.status),
        clientIp: r.client_ip,
      }));
    },
  };
}

function keyRow(key: ApiKeyRecord): ApiKeysTable {
  return {
    id: key.id,
    key_prefix: key.keyPrefix,
    key_hash: key.keyHash,
    role: key.role,
    description: key.description ?? null,
    scope: key.scopeJobs === undefined ? null : JSON.stringify({ jobs: key.scopeJobs }),
    created_by: key.createdBy ?? null,
    created_at: key.createdAt,
    expires_at: key.expiresAt ?? null,
    last_used_at: key.lastUsedAt ?? null,
    revoked_at: key.revokedAt ?? null,
  };
}

function keyRecord(row: ApiKeysTable): ApiKeyRecord {
  const scope = row.scope === null ? undefined : (JSON.parse(row.scope) as { jobs: string[] }).jobs;
  return {
    id: row.id,
    keyPrefix: row.key_prefix,
    keyHash: row.key_hash,
    role: row.role as Role,
    ...(row.description === null ? {} : { description: row.description }),
    ...(scope === undefined ? {} : { scopeJobs: scope }),
    ...(row.created_by === null ? {} : { createdBy: row.created_by }),
    createdAt: row.created_at,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}
