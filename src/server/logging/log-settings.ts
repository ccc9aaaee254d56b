/**
 * The server's own log settings, read once from `CAESIUM_LOG_*` variables
 * (docs/operator-consoles.md) and checked at the boundary: a bad value is a
 * usage error that names the variable.
 */
import { UsageError } from '../../errors.js';
import { envFlag } from '../env-bool.js';

/** The levels the server logs at, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFormat = 'json' | 'text';

export interface LogSettings {
  /** `CAESIUM_LOG_LEVEL` (default `info`). */
  level: LogLevel;
  /** `CAESIUM_LOG_FORMAT` (default `json`): one JSON object per line, or one readable line. */
  format: LogFormat;
  /** `CAESIUM_LOG_CONSOLE_ENABLED` (default false): serves `/v1/logs/stream` and `/v1/logs/level`. */
  consoleEnabled: boolean;
}

const ALIASES: Readonly<Record<string, LogLevel>> = { warning: 'warn', dpanic: 'fatal', panic: 'fatal' };

/**
 * A level name, any case: debug, info, warn (or warning), error, fatal; the
 * original's panic and dpanic mean fatal, the highest level caesium has.
 */
export function parseLogLevel(raw: string): LogLevel | undefined {
  const v = raw.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : ALIASES[v];
}

/** Reads the settings from `env`; throws `UsageError` on the first bad value. */
export function logSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): LogSettings {
  return {
    level: level(env.CAESIUM_LOG_LEVEL),
    format: format(env.CAESIUM_LOG_FORMAT),
    consoleEnabled: envFlag(env.CAESIUM_LOG_CONSOLE_ENABLED, 'CAESIUM_LOG_CONSOLE_ENABLED'),
  };
}

function level(raw: string | undefined): LogLevel {
  if (raw === undefined || raw.trim() === '') return 'info';
  const parsed = parseLogLevel(raw);
  if (parsed === undefined) throw new UsageError(`CAESIUM_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${raw}"`);
  return parsed;
}

function format(raw: string | undefined): LogFormat {
  const v = raw?.trim().toLowerCase() || 'json';
  if (v === 'json' || v === 'text') return v;
  throw new UsageError(`CAESIUM_LOG_FORMAT must be "json" or "text"; got "${raw}"`);
}
