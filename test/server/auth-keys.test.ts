/**
 * API keys against an in-process server over real HTTP and a real store:
 * wrong, expired, revoked, rotated, legacy and scoped keys, the role ceiling
 * of key creation, the failed-authentication limit, the audit log, /metrics
 * and the first-start banner.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { legacyHash } from '../../src/server/auth/api-key.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { startAuthServer, type AuthServer } from './support/auth-server.js';
import { definition } from './support/in-process.js';

let server: AuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('API keys', () => {
  it('prints the first admin key once, on standard output, and never in the log', async () => {
    const store = await createMemoryStore();
    try {
      server = await startAuthServer({}, { store: { ...store, close: () => Promise.resolve() } });
      expect(server.printed).toMatch(
        /^={58}\n {2}BOOTSTRAP ADMIN API KEY \(shown once, save it now\):\n {2}csk_live_[0-9A-Za-z]{32,}\n={58}\n$/,
      );
      expect(server.logs.join('\n')).not.toContain(server.adminKey);
      expect((await server.as(server.adminKey, 'GET', '/v1/auth/keys')).json).toMatchObject([
        { role: 'admin', key_prefix: server.adminKey.slice(0, 13) },
      ]);
      await server.close();
      server = await startAuthServer({}, { store: { ...store, close: () => Promise.resolve() } });
      expect(server.printed).toBe('');
    } finally {
      await server?.close();
      server = undefined;
      await store.close();
    }
  });

  it('refuses missing, malformed, wrong, expired and revoked keys with 401 and the reason', async () => {
    server = await startAuthServer();
    expect((await server.as(undefined, 'GET', '/v1/jobs')).json).toEqual({ message: 'missing credentials' });
    expect((await server.as(undefined, 'GET', '/v1/jobs', undefined, { authorization: 'Basic abc' })).json).toEqual({
      message: 'invalid authorization header',
    });
    const wrong = await server.as(`csk_live_${'x'.repeat(43)}`, 'GET', '/v1/jobs');
    expect([wrong.status, wrong.json]).toEqual([401, { message: 'invalid or expired api key' }]);
    const viewer = await server.keyFor('viewer');
    expect((await server.as(viewer.key, 'GET', '/v1/jobs')).status).toBe(200);
    await server.store.auth.setExpiry(viewer.id, '2000-01-01T00:00:00.000Z');
    expect((await server.as(viewer.key, 'GET', '/v1/jobs')).json).toEqual({ message: 'invalid or expired api key' });
    const runner = await server.keyFor('runner');
    expect((await server.as(server.adminKey, 'POST', `/v1/auth/keys/${runner.id}/revoke`)).json).toEqual({ status: 'revoked' });
    expect((await server.as(runner.key, 'GET', '/v1/jobs')).status).toBe(401);
    expect((await server.as(server.adminKey, 'POST', `/v1/auth/keys/${runner.id}/revoke`)).status).toBe(404);
    const listed = (await server.as(server.adminKey, 'GET', '/v1/auth/keys')).json as {
      id: string;
      revoked_at?: string;
      last_used_at?: string;
    }[];
    expect(listed.find((k) => k.id === runner.id)?.revoked_at).toBeDefined();
    expect(listed.find((k) => k.id === viewer.id)?.last_used_at).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain('hash');
  });

  it('rotates: the new key has the same role, the old one works until its grace period ends', async () => {
    server = await startAuthServer();
    const old = await server.keyFor('operator', { description: 'ci' });
    const rotated = await server.as(server.adminKey, 'POST', `/v1/auth/keys/${old.id}/rotate`, { grace_period: '1h' });
    expect(rotated.status).toBe(201);
    expect(rotated.json.api_key).toMatchObject({ role: 'operator', description: 'ci (rotated)' });
    expect((await server.as(rotated.json.key, 'PUT', `/v1/jobs/${randomUUID()}/pause`)).status).toBe(404);
    expect((await server.as(old.key, 'GET', '/v1/jobs')).status).toBe(200);
    const oldRow = await server.store.auth.key(old.id);
    expect(Date.parse(oldRow!.expiresAt!) - Date.now()).toBeGreaterThan(59 * 60_000);
    await server.store.auth.setExpiry(old.id, '2000-01-01T00:00:00.000Z'); // the grace period is over
    expect((await server.as(old.key, 'GET', '/v1/jobs')).status).toBe(401);
    expect((await server.as(rotated.json.key, 'GET', '/v1/jobs')).status).toBe(200);
  });

  it('still accepts a key stored with a legacy sha256: hash', async () => {
    server = await startAuthServer();
    const key = `csk_live_${'L'.repeat(43)}`;
    await server.store.auth.insertKey({
      id: randomUUID(),
      keyPrefix: key.slice(0, 13),
      keyHash: legacyHash(key),
      role: 'viewer',
      createdAt: new Date().toISOString(),
    });
    expect((await server.as(key, 'GET', '/v1/jobs')).status).toBe(200);
  });

  it('cannot mint a role above the caller, and names a bad role', async () => {
    server = await startAuthServer();
    const operator = await server.keyFor('operator');
    const bad = await server.as(server.adminKey, 'POST', '/v1/auth/keys', { role: 'root' });
    expect([bad.status, bad.json.message]).toEqual([400, 'invalid role: root (must be admin, operator, runner, or viewer)']);
    // operators cannot reach key management at all
    expect((await server.as(operator.key, 'POST', '/v1/auth/keys', { role: 'admin' })).status).toBe(403);
  });

  it('limits a scoped key to the routes of its jobs', async () => {
    server = await startAuthServer();
    const applied = await server.as(server.adminKey, 'POST', '/v1/jobdefs/apply', {
      definitions: [definition('mine'), definition('theirs')],
    });
    expect(applied.status).toBe(200);
    const jobs = (await server.as(server.adminKey, 'GET', '/v1/jobs')).json as { id: string; alias: string }[];
    const id = (alias: string): string => jobs.find((j) => j.alias === alias)!.id;
    const scoped = await server.keyFor('viewer', { scope: { jobs: ['mine'] } });
    expect((await server.as(scoped.key, 'GET', `/v1/jobs/${id('mine')}/runs`)).status).toBe(200);
    expect((await server.as(scoped.key, 'GET', `/v1/jobs/${id('theirs')}/runs`)).status).toBe(403);
    expect((await server.as(scoped.key, 'GET', '/v1/triggers')).status).toBe(403);
  });

  it('answers 429 with Retry-After past the failed-authentication limit, and audits the failures', async () => {
    server = await startAuthServer({ CAESIUM_AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) expect((await server.as('nope', 'GET', '/v1/jobs')).status).toBe(401);
    const limited = await server.as(server.adminKey, 'GET', '/v1/jobs');
    expect([limited.status, limited.json.message]).toEqual([429, 'too many failed authentication attempts']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const audit = (await server.store.auth.audit({ limit: 10, action: 'auth.failed' })).map((r) => r.result);
    expect(audit).toEqual(['invalid or expired api key', 'invalid or expired api key', 'invalid or expired api key']);
  });

  it('audits every mutating request with who, what and the result', async () => {
    server = await startAuthServer();
    const viewer = await server.keyFor('viewer');
    await server.as(viewer.key, 'PUT', `/v1/jobs/${randomUUID()}/pause`);
    const rows = (await server.as(server.adminKey, 'GET', '/v1/auth/audit?limit=5')).json as Record<string, unknown>[];
    expect(rows.slice(0, 2)).toMatchObject([
      { actor: viewer.key.slice(0, 13), action: 'PUT /v1/jobs/:id/pause', result: 'denied', status: 403 },
      { actor: server.adminKey.slice(0, 13), action: 'POST /v1/auth/keys', result: 'ok', status: 201 },
    ]);
    const byActor = (await server.as(server.adminKey, 'GET', `/v1/auth/audit?actor=${viewer.key.slice(0, 13)}`)).json as unknown[];
    expect(byActor).toHaveLength(1);
  });

  it('serves /metrics to a viewer only, unless CAESIUM_METRICS_PUBLIC=true', async () => {
    server = await startAuthServer();
    expect((await server.as(undefined, 'GET', '/metrics')).status).toBe(401);
    expect((await server.as((await server.keyFor('viewer')).key, 'GET', '/metrics')).status).toBe(200);
    expect((await server.as(undefined, 'GET', '/health')).status).toBe(200);
    await server.close();
    server = await startAuthServer({ CAESIUM_METRICS_PUBLIC: 'true' });
    expect((await server.as(undefined, 'GET', '/metrics')).status).toBe(200);
  });
});
