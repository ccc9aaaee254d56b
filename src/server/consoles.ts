/**
 * The operator consoles (docs/operator-consoles.md), each registered only when
 * switched on, so a disabled console answers 404 like any unknown path. Their
 * routes live in their own files (routes/log-console.ts …) so the route →
 * role table can mark them admin-only.
 */
import type { Hono } from 'hono';
import type { AppDeps } from './app-deps.js';
import { logConsoleRoutes } from './routes/log-console.js';

/** Which consoles this server serves. */
export interface ConsoleSettings {
  /** `CAESIUM_LOG_CONSOLE_ENABLED=true`: `/v1/logs/stream`, `/v1/logs/level`. */
  log: boolean;
  /** SSE keep-alive of the log stream (default 15 s; tests shorten it). */
  pingMs?: number;
}

/** Registers the consoles `deps.consoles` switches on. */
export function consoleRoutes(app: Hono, deps: AppDeps): void {
  const consoles = deps.consoles;
  if (consoles === undefined) return;
  if (consoles.log && deps.logger !== undefined) logConsoleRoutes(app, deps.logger, consoles.pingMs);
}
