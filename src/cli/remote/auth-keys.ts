/**
 * `caesium auth key create|list|revoke|rotate` and `caesium auth audit` over
 * the REST API (docs/security.md). A new key is printed once, on stdout; the
 * rest goes to stderr so `KEY=$(caesium auth key create …)` captures only it.
 */
import type { ApiKeyJson, AuditEntryJson } from '../../client/index.js';
import { UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson, type RemoteFlags } from './connection.js';

export interface AuthFlags extends RemoteFlags {
  role?: string;
  description?: string;
  scopeJobs?: string[];
  expiresIn?: string;
  id?: string;
  gracePeriod?: string;
  since?: string;
  actor?: string;
  action?: string;
  limit?: string;
}

/** `auth key create`. */
export async function keyCreate(flags: AuthFlags, io: Io): Promise<number> {
  if (flags.role === undefined) throw new UsageError('--role is required (admin, operator, runner or viewer)');
  const client = clientFor(flags, io);
  try {
    const created = await client.createKey({
      role: flags.role,
      ...(flags.description === undefined ? {} : { description: flags.description }),
      ...(flags.scopeJobs === undefined || flags.scopeJobs.length === 0 ? {} : { scope: { jobs: flags.scopeJobs } }),
      ...(flags.expiresIn === undefined ? {} : { expires_in: flags.expiresIn }),
    });
    if (flags.json === true) writeJson(io, created);
    else {
      line(io.out, created.key);
      line(
        io.err,
        `created ${created.api_key.role} key ${created.api_key.id} (${created.api_key.key_prefix}…): save it now, it is not shown again`,
      );
    }
    return 0;
  } catch (error) {
    throw remoteError(error, 'auth key create');
  }
}

/** `auth key list`. */
export async function keyList(flags: AuthFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  try {
    const keys = await client.listKeys();
    if (flags.json === true) writeJson(io, keys);
    else for (const row of keyTable(keys)) line(io.out, row);
    return 0;
  } catch (error) {
    throw remoteError(error, 'auth key list');
  }
}

/** `auth key revoke`. */
export async function keyRevoke(flags: AuthFlags, io: Io): Promise<number> {
  const id = required(flags.id, '--id');
  const client = clientFor(flags, io);
  try {
    const out = await client.revokeKey(id);
    if (flags.json === true) writeJson(io, out);
    else line(io.out, `revoked ${id}`);
    return 0;
  } catch (error) {
    throw remoteError(error, 'auth key revoke');
  }
}

/** `auth key rotate`. */
export async function keyRotate(flags: AuthFlags, io: Io): Promise<number> {
  const id = required(flags.id, '--id');
  const client = clientFor(flags, io);
  try {
    const created = await client.rotateKey(id, flags.gracePeriod);
    if (flags.json === true) writeJson(io, created);
    else {
      line(io.out, created.key);
      line(io.err, `rotated ${id} into ${created.api_key.id}; the old key works for ${flags.gracePeriod ?? '24h'} more`);
    }
    return 0;
  } catch (error) {
    throw remoteError(error, 'auth key rotate');
  }
}

/** `auth audit`. */
export async function authAudit(flags: AuthFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  const limit = flags.limit === undefined ? undefined : Number(flags.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000))
    throw new UsageError(`--limit must be a whole number between 1 and 1000; got "${flags.limit}"`);
  try {
    const rows = await client.audit({ since: flags.since, actor: flags.actor, action: flags.action, limit });
    if (flags.json === true) writeJson(io, rows);
    else for (const row of auditTable(rows)) line(io.out, row);
    return 0;
  } catch (error) {
    throw remoteError(error, 'auth audit');
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

function keyTable(keys: ApiKeyJson[]): string[] {
  if (keys.length === 0) return ['No keys.'];
  const rows = keys.map((k) => [
    k.id,
    k.key_prefix,
    k.role,
    k.revoked_at !== undefined ? 'revoked' : k.expires_at !== undefined && k.expires_at <= new Date().toISOString() ? 'expired' : 'active',
    k.expires_at ?? '-',
    k.last_used_at ?? '-',
    k.scope === undefined ? '-' : k.scope.jobs.join(','),
    k.description ?? '',
  ]);
  return table(['ID', 'PREFIX', 'ROLE', 'STATE', 'EXPIRES', 'LAST USED', 'SCOPE', 'DESCRIPTION'], rows);
}

function auditTable(rows: AuditEntryJson[]): string[] {
  if (rows.length === 0) return ['No audit entries.'];
  return table(
    ['AT', 'ACTOR', 'ACTION', 'TARGET', 'STATUS', 'RESULT'],
    rows.map((r) => [r.at, r.actor, r.action, r.target, String(r.status), r.result]),
  );
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
}
