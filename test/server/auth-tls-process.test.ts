/**
 * An operator's path, against a real server process: api-key mode over HTTPS
 * with a certificate made by openssl here, the first admin key from the
 * banner on stdout, the CLI creating a viewer key (verifying the certificate
 * with CAESIUM_CA_CERT), the viewer refused an admin call, the audit log.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { waitFor } from './support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';

let dir: string;
let server: ServerProcess;
let adminKey: string;
const secret = 'a'.repeat(40);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caesium-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ].concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]),
    { stdio: 'ignore' },
  );
  server = await spawnServer({
    CAESIUM_AUTH_MODE: 'api-key',
    CAESIUM_AUTH_KEY_HASH_SECRET: secret,
    CAESIUM_TLS_CERT: join(dir, 'cert.pem'),
    CAESIUM_TLS_KEY: join(dir, 'key.pem'),
    CAESIUM_DATABASE_PATH: join(dir, 'db', 'caesium.db'),
  });
  adminKey = await waitFor(() => Promise.resolve(/csk_live_[0-9A-Za-z]+/.exec(server.stdout())?.[0]));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await killAll();
  rmSync(dir, { recursive: true, force: true });
  expect(liveServers()).toBe(0);
});

const cli = (args: string[], env: Record<string, string | undefined>) =>
  runCli([...args, '--server', server.url], { env: { CAESIUM_CA_CERT: join(dir, 'cert.pem'), ...env } });

describe('a secured server', () => {
  it('serves HTTPS and keeps the key out of its log', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stderr()).not.toContain(adminKey);
  });

  it('lets the CLI create a viewer key over HTTPS, verified against CAESIUM_CA_CERT', async () => {
    const created = await cli(['auth', 'key', 'create', '--role', 'viewer', '--description', 'dashboard'], { CAESIUM_API_KEY: adminKey });
    expect(created.code).toBe(0);
    const viewerKey = created.stdout.trim();
    expect(viewerKey).toMatch(/^csk_live_[0-9A-Za-z]{32,}$/);
    const listed = await cli(['auth', 'key', 'list'], { CAESIUM_API_KEY: adminKey });
    expect(listed.stdout).toMatch(/viewer\s+active/);
    expect(listed.stdout).not.toContain(viewerKey);
    const forbidden = await cli(['auth', 'key', 'list'], { CAESIUM_API_KEY: viewerKey });
    expect([forbidden.code, forbidden.stderr.trim()]).toEqual([1, 'error: auth key list failed (403): insufficient permissions']);
    const audit = await cli(['auth', 'audit', '--json'], { CAESIUM_API_KEY: adminKey });
    expect(JSON.parse(audit.stdout)[0]).toMatchObject({ action: 'POST /v1/auth/keys', status: 201, result: 'ok' });
  });

  it('refuses a certificate it cannot verify, and warns about --api-key', async () => {
    const unverified = await cli(['auth', 'key', 'list', '--api-key', adminKey], { CAESIUM_CA_CERT: undefined });
    expect(unverified.code).not.toBe(0);
    expect(unverified.stderr).toContain('warning: --api-key is visible in process listings; prefer CAESIUM_API_KEY');
    expect(unverified.stderr).toMatch(/cannot reach the caesium server .*(SELF_SIGNED|self.signed|DEPTH_ZERO)/i);
  });

  it('creates the database file and its directory owner-only', () => {
    expect(statSync(join(dir, 'db')).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'db', 'caesium.db')).mode & 0o077).toBe(0);
  });
});
