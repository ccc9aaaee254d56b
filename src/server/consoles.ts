/**
 * The operator consoles (docs/operator-consoles.md), each registered only when
 * switched on, so a disabled console answers 404 like any unknown path. Their
 * routes live in their own files (routes/log-console.ts,
 * routes/database-console.ts, routes/graphql.ts) so the route → role table can mark them admin-only.
 */
import { resolve } from 'node:path';
import type { Hono } from 'hono';
import { UsageError } from '../errors.js';
import { parseDuration } from '../jobdef/duration.js';
import type { AppDeps } from './app-deps.js';
import type { ServerConfig } from './config.js';
import { envFlag } from './env-bool.js';
import { databaseConsoleRoutes, type DatabaseConsole } from './routes/database-console.js';
import { graphqlRoutes } from './routes/graphql.js';
import { logConsoleRoutes } from './routes/log-console.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Which consoles this server serves. */
export interface ConsoleSettings {
  /** `CAESIUM_LOG_CONSOLE_ENABLED=true`: `/v1/logs/stream`, `/v1/logs/level`. */
  log: boolean;
  /** `CAESIUM_DATABASE_CONSOLE_ENABLED=true`: `/v1/database/schema`, `/v1/database/query`. */
  database?: DatabaseConsole;
  /** `CAESIUM_AUTH_MODE=none` (the default): `GET/POST /gql`. */
  graphql: boolean;
  /** SSE keep-alive of the log stream (default 15 s; tests shorten it). */
  pingMs?: number;
}

/** Reads the database console's switch and time limit; the log console's switch comes with the log settings. */
export function consoleSettingsFromEnv(
  env: Env,
  config: Pick<ServerConfig, 'databaseType' | 'databasePath'>,
  logConsole: boolean,
): ConsoleSettings {
  // GraphQL has no roles of its own, so it is served only while the server runs without authentication.
  const graphql = (env.CAESIUM_AUTH_MODE?.trim().toLowerCase() || 'none') === 'none';
  if (!envFlag(env.CAESIUM_DATABASE_CONSOLE_ENABLED, 'CAESIUM_DATABASE_CONSOLE_ENABLED')) return { log: logConsole, graphql };
  if (config.databaseType !== 'sqlite') {
    throw new UsageError(
      'CAESIUM_DATABASE_CONSOLE_ENABLED=true needs the SQLite file store: a memory database has no file a read-only connection could open',
      'unset CAESIUM_DATABASE_TYPE=memory, or leave the database console off',
    );
  }
  return {
    log: logConsole,
    graphql,
    database: { path: resolve(config.databasePath), timeoutMs: timeout(env.CAESIUM_DATABASE_CONSOLE_TIMEOUT) },
  };
}

/** Registers the consoles `deps.consoles` switches on. */
export function consoleRoutes(app: Hono, deps: AppDeps): void {
  const consoles = deps.consoles;
  if (consoles === undefined) return;
  if (consoles.log && deps.logger !== undefined) logConsoleRoutes(app, deps.logger, consoles.pingMs);
  if (consoles.database !== undefined) databaseConsoleRoutes(app, consoles.database);
  if (consoles.graphql) graphqlRoutes(app, deps);
}

function timeout(raw: string | undefined): number {
  const v = raw?.trim() ?? '';
  if (v === '') return 10_000;
  const ms = parseDuration(v);
  if (ms === undefined || ms <= 0)
    throw new UsageError(`CAESIUM_DATABASE_CONSOLE_TIMEOUT must be a duration above 0 like 10s; got "${raw}"`);
  return ms;
}
