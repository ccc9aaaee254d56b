/**
 * The server's configuration, read once from `CAESIUM_*` variables
 * (docs/decisions.md §16, D19) and checked at the boundary: a bad value is a usage
 * error that names the variable.
 */
import { availableParallelism } from 'node:os';
import { UsageError } from '../errors.js';
import { cacheDefaultsFromEnv, type CacheDefaults } from '../engine/cache/settings.js';
import type { FailurePolicy } from '../engine/run-types.js';
import type { SqliteSynchronous } from '../store/sqlite-file-store.js';
import { parseDuration } from '../jobdef/duration.js';
import { authConfigFromEnv, type AuthConfig } from './auth/auth-config.js';
import { isLoopback } from './auth/loopback.js';
import { tlsFromEnv, type TlsFiles } from './tls-config.js';

/** Where the server keeps its rows. */
export type DatabaseType = 'sqlite' | 'memory' | 'postgres';

export interface ServerConfig {
  /** `CAESIUM_HOST` (default `127.0.0.1` when auth is off, all interfaces `0.0.0.0` in api-key mode). */
  host: string;
  /** Whether `CAESIUM_HOST` was set (a non-loopback address with auth off is then warned about). */
  hostSet: boolean;
  /** `CAESIUM_PORT` (default 8080; 0 picks a free port). */
  port: number;
  /** `CAESIUM_DATABASE_TYPE`: `sqlite` (default; `internal` is accepted as its alias), `memory` or `postgres` (many servers, docs/multi-node.md). */
  databaseType: DatabaseType;
  /** `CAESIUM_DATABASE_DSN`: the PostgreSQL database (a `postgres://` URI or libpq `key=value` pairs); required with `postgres`. */
  databaseDsn: string | undefined;
  /** `CAESIUM_DATABASE_PATH` (default `./.caesium/caesium.db`, docs/decisions.md D19). */
  databasePath: string;
  /** `CAESIUM_DATABASE_SYNCHRONOUS`: `full` (default: every commit survives power loss) or `normal` (survives a killed process). */
  databaseSynchronous: SqliteSynchronous;
  /** `CAESIUM_MAX_PARALLEL_TASKS` (default the CPU count): per-run parallelism unless the job sets its own. */
  maxParallel: number;
  /**
   * `CAESIUM_MAX_ACTIVE_RUNS` (default 4 × the CPU count): runs executing at
   * once; runs admitted beyond it wait, oldest first.
   */
  maxActiveRuns: number;
  /** `CAESIUM_TASK_FAILURE_POLICY`; undefined keeps the engine's default (docs/decisions.md D6). */
  failurePolicy: FailurePolicy | undefined;
  /** `CAESIUM_SHUTDOWN_GRACE_PERIOD` (default 30s): how long in-flight runs may take to stop. */
  shutdownGraceMs: number;
  /** `CAESIUM_CACHE_*` (docs/decisions.md §3.1): the cache settings every job starts from. */
  cacheDefaults: CacheDefaults;
  /** `CAESIUM_NODE_ADDRESS`: this node's identity (`GET /v1/nodes/:address/workers`); unset: the server's host:port. */
  nodeAddress: string | undefined;
  /** `CAESIUM_AUTH_*` (docs/decisions.md D14). */
  auth: AuthConfig;
  /** `CAESIUM_TLS_CERT`/`CAESIUM_TLS_KEY`: serve HTTPS with these (undefined: plain HTTP). */
  tls: TlsFiles | undefined;
}

type Env = Record<string, string | undefined>;

/** Runs executing at once per CPU when `CAESIUM_MAX_ACTIVE_RUNS` is unset (measured with bench/server.mjs). */
const DEFAULT_ACTIVE_RUNS_PER_CPU = 4;

/** Reads the configuration from `env`; throws `UsageError` on the first bad value. */
export function serverConfigFromEnv(env: Env, cpuCount = availableParallelism()): ServerConfig {
  const auth = authConfigFromEnv(env);
  const tls = tlsFromEnv(env);
  const host = text(env.CAESIUM_HOST) ?? (auth.mode === 'none' ? '127.0.0.1' : '0.0.0.0');
  if (
    auth.mode === 'api-key' &&
    auth.requireTls &&
    tls === undefined &&
    !isLoopback(host) &&
    text(env.CAESIUM_TRUSTED_PROXIES) === undefined
  )
    throw new UsageError(
      `api-key mode refuses plain HTTP on ${host}: keys would cross the network in clear text`,
      'set CAESIUM_TLS_CERT and CAESIUM_TLS_KEY, or CAESIUM_TRUSTED_PROXIES behind a TLS proxy, or CAESIUM_HOST=127.0.0.1, or CAESIUM_AUTH_REQUIRE_TLS=false',
    );
  return {
    host,
    hostSet: text(env.CAESIUM_HOST) !== undefined,
    port: port(env.CAESIUM_PORT),
    databaseType: databaseType(env.CAESIUM_DATABASE_TYPE),
    databaseDsn: databaseDsn(env),
    databasePath: text(env.CAESIUM_DATABASE_PATH) ?? './.caesium/caesium.db',
    databaseSynchronous: synchronous(env.CAESIUM_DATABASE_SYNCHRONOUS),
    maxParallel: wholeNumber(env.CAESIUM_MAX_PARALLEL_TASKS, 'CAESIUM_MAX_PARALLEL_TASKS') || Math.max(1, cpuCount),
    maxActiveRuns:
      wholeNumber(env.CAESIUM_MAX_ACTIVE_RUNS, 'CAESIUM_MAX_ACTIVE_RUNS') || DEFAULT_ACTIVE_RUNS_PER_CPU * Math.max(1, cpuCount),
    failurePolicy: failurePolicy(env.CAESIUM_TASK_FAILURE_POLICY),
    shutdownGraceMs: duration(env.CAESIUM_SHUTDOWN_GRACE_PERIOD, 'CAESIUM_SHUTDOWN_GRACE_PERIOD') ?? 30_000,
    cacheDefaults: cacheDefaults(env),
    nodeAddress: text(env.CAESIUM_NODE_ADDRESS),
    auth,
    tls,
  };
}

function cacheDefaults(env: Env): CacheDefaults {
  const read = cacheDefaultsFromEnv(env);
  if (!read.ok) throw new UsageError(read.message);
  return read.defaults;
}

function text(raw: string | undefined): string | undefined {
  const v = raw?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function port(raw: string | undefined): number {
  const v = text(raw);
  if (v === undefined) return 8080;
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UsageError(`CAESIUM_PORT must be a port number between 0 and 65535; got "${raw}"`);
  return n;
}

function databaseType(raw: string | undefined): DatabaseType {
  const v = text(raw)?.toLowerCase() ?? 'sqlite';
  if (v === 'sqlite' || v === 'internal') return 'sqlite';
  if (v === 'memory') return 'memory';
  if (v === 'postgres' || v === 'postgresql') return 'postgres';
  throw new UsageError(`CAESIUM_DATABASE_TYPE must be "sqlite", "memory" or "postgres"; got "${raw}"`);
}

function databaseDsn(env: Env): string | undefined {
  const dsn = text(env.CAESIUM_DATABASE_DSN);
  if (dsn === undefined && databaseType(env.CAESIUM_DATABASE_TYPE) === 'postgres')
    throw new UsageError(
      'CAESIUM_DATABASE_TYPE=postgres needs CAESIUM_DATABASE_DSN',
      'set it to e.g. postgres://caesium:secret@127.0.0.1:5432/caesium (docs/multi-node.md)',
    );
  return dsn;
}

function wholeNumber(raw: string | undefined, name: string): number {
  const v = text(raw);
  if (v === undefined) return 0;
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} must be a whole number ≥ 0; got "${raw}"`, '0 means the CPU count');
  return Number(v);
}

function duration(raw: string | undefined, name: string): number | undefined {
  const v = text(raw);
  if (v === undefined) return undefined;
  const ms = parseDuration(v);
  if (ms === undefined || ms < 0) throw new UsageError(`${name} must be a duration like 30s or 1m; got "${raw}"`);
  return ms;
}

function synchronous(raw: string | undefined): SqliteSynchronous {
  const v = text(raw)?.toLowerCase() ?? 'full';
  if (v === 'full' || v === 'normal') return v;
  throw new UsageError(
    `CAESIUM_DATABASE_SYNCHRONOUS must be "full" or "normal"; got "${raw}"`,
    'normal may lose the last commits on power loss',
  );
}

function failurePolicy(raw: string | undefined): FailurePolicy | undefined {
  const v = text(raw)?.toLowerCase();
  if (v === undefined) return undefined;
  if (v === 'halt' || v === 'continue') return v;
  throw new UsageError(`CAESIUM_TASK_FAILURE_POLICY must be "halt" or "continue"; got "${raw}"`);
}
