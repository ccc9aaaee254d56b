import { describe, expect, it } from 'vitest';
import { CACHE_DEFAULTS } from '../../src/engine/cache/settings.js';
import { serverConfigFromEnv } from '../../src/server/config.js';

describe('serverConfigFromEnv', () => {
  it('has the documented defaults', () => {
    expect(serverConfigFromEnv({}, 4)).toEqual({
      host: '127.0.0.1',
      hostSet: false,
      port: 8080,
      databaseType: 'sqlite',
      databaseDsn: undefined,
      databasePath: './.caesium/caesium.db',
      databaseSynchronous: 'full',
      maxParallel: 4,
      maxActiveRuns: 16,
      failurePolicy: undefined,
      shutdownGraceMs: 30_000,
      cacheDefaults: { enabled: false, ttlMs: 86_400_000, pinDigests: false, digestTtlMs: 300_000 },
      auth: { mode: 'none', hashSecret: '', requireTls: true, failuresPerMinute: 10, metricsPublic: false },
      tls: undefined,
    });
    expect(serverConfigFromEnv({}, 4).cacheDefaults).toEqual(CACHE_DEFAULTS);
  });

  it('reads every variable', () => {
    const env = {
      CAESIUM_HOST: '127.0.0.1',
      CAESIUM_PORT: '0',
      CAESIUM_DATABASE_TYPE: 'memory',
      CAESIUM_DATABASE_PATH: '/tmp/x.db',
      CAESIUM_MAX_PARALLEL_TASKS: '3',
      CAESIUM_MAX_ACTIVE_RUNS: '5',
      CAESIUM_DATABASE_SYNCHRONOUS: 'NORMAL',
      CAESIUM_TASK_FAILURE_POLICY: 'halt',
      CAESIUM_SHUTDOWN_GRACE_PERIOD: '1m',
      CAESIUM_CACHE_ENABLED: 'true',
      CAESIUM_CACHE_TTL: '0',
      CAESIUM_CACHE_PIN_DIGESTS: '1',
      CAESIUM_CACHE_DIGEST_TTL: '30s',
      CAESIUM_NODE_ADDRESS: '10.0.0.7:9001',
    };
    expect(serverConfigFromEnv(env, 4)).toEqual({
      host: '127.0.0.1',
      hostSet: true,
      port: 0,
      databaseType: 'memory',
      databaseDsn: undefined,
      databasePath: '/tmp/x.db',
      databaseSynchronous: 'normal',
      maxParallel: 3,
      maxActiveRuns: 5,
      failurePolicy: 'halt',
      shutdownGraceMs: 60_000,
      cacheDefaults: { enabled: true, ttlMs: 0, pinDigests: true, digestTtlMs: 30_000 },
      nodeAddress: '10.0.0.7:9001',
      auth: { mode: 'none', hashSecret: '', requireTls: true, failuresPerMinute: 10, metricsPublic: false },
      tls: undefined,
    });
    expect(serverConfigFromEnv({ CAESIUM_DATABASE_TYPE: 'internal' }, 1).databaseType).toBe('sqlite');
    const pg = serverConfigFromEnv({ CAESIUM_DATABASE_TYPE: 'postgres', CAESIUM_DATABASE_DSN: 'postgres://u:p@db:5432/caesium' }, 1);
    expect([pg.databaseType, pg.databaseDsn]).toEqual(['postgres', 'postgres://u:p@db:5432/caesium']);
  });

  it.each([
    [{ CAESIUM_PORT: '70000' }, 'CAESIUM_PORT must be a port number'],
    [{ CAESIUM_AUTH_MODE: 'apikey' }, 'CAESIUM_AUTH_MODE must be "none" or "api-key"; got "apikey"'],
    [
      { CAESIUM_AUTH_MODE: 'api-key', CAESIUM_AUTH_KEY_HASH_SECRET: 'short' },
      'CAESIUM_AUTH_KEY_HASH_SECRET must be at least 32 characters',
    ],
    [{ CAESIUM_AUTH_MODE: 'api-key', CAESIUM_AUTH_KEY_HASH_SECRET: 'x'.repeat(32) }, 'api-key mode refuses plain HTTP on 0.0.0.0'],
    [
      { CAESIUM_TLS_CERT: '/nonexistent/cert.pem', CAESIUM_TLS_KEY: '/nonexistent/key.pem' },
      'CAESIUM_TLS_CERT: cannot read /nonexistent/cert.pem',
    ],
    [{ CAESIUM_TLS_CERT: '/nonexistent/cert.pem' }, 'CAESIUM_TLS_CERT and CAESIUM_TLS_KEY must be set together'],
    [{ CAESIUM_PORT: 'http' }, 'CAESIUM_PORT must be a port number'],
    [{ CAESIUM_DATABASE_TYPE: 'dqlite' }, 'CAESIUM_DATABASE_TYPE must be "sqlite", "memory" or "postgres"'],
    [{ CAESIUM_DATABASE_TYPE: 'postgres' }, 'CAESIUM_DATABASE_TYPE=postgres needs CAESIUM_DATABASE_DSN'],
    [{ CAESIUM_MAX_PARALLEL_TASKS: '-1' }, 'CAESIUM_MAX_PARALLEL_TASKS must be a whole number'],
    [{ CAESIUM_MAX_ACTIVE_RUNS: 'many' }, 'CAESIUM_MAX_ACTIVE_RUNS must be a whole number'],
    [{ CAESIUM_DATABASE_SYNCHRONOUS: 'off' }, 'CAESIUM_DATABASE_SYNCHRONOUS must be "full" or "normal"'],
    [{ CAESIUM_SHUTDOWN_GRACE_PERIOD: 'soon' }, 'CAESIUM_SHUTDOWN_GRACE_PERIOD must be a duration'],
    [{ CAESIUM_TASK_FAILURE_POLICY: 'stop' }, 'CAESIUM_TASK_FAILURE_POLICY must be'],
    [{ CAESIUM_CACHE_ENABLED: 'yes' }, 'CAESIUM_CACHE_ENABLED must be true or false; got "yes"'],
    [{ CAESIUM_CACHE_TTL: 'a day' }, 'CAESIUM_CACHE_TTL must be a duration'],
  ])('rejects %j', (env, message) => {
    expect(() => serverConfigFromEnv(env, 1)).toThrow(message);
  });
});
