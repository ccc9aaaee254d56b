/**
 * The server's own structured log (pino): each entry is written as one line
 * (`CAESIUM_LOG_FORMAT` json or text) and kept in the backlog the log console
 * streams. The level can change while the server runs (`PUT /v1/logs/level`).
 * Fields that could carry a credential are censored before anything is
 * written or kept.
 */
import { pino, type Logger } from 'pino';
import { LogBacklog, type LogEntry } from './log-backlog.js';
import { textLine } from './log-text.js';
import type { LogLevel, LogSettings } from './log-settings.js';

export interface ServerLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** The current level; entries below it are neither written nor kept. */
  level: LogLevel;
  readonly backlog: LogBacklog;
}

/** Field names censored wherever they appear (one level deep too): credentials never reach the log. */
const SECRET_FIELDS = ['authorization', 'cookie', 'api_key', 'apiKey', 'secret', 'token', 'password'];

/** The prefix older call sites put on their lines; the structured log says who spoke in other ways. */
const PREFIX = 'caesium server: ';

/** A logger that writes each line (without its newline) to `write`. */
export function createServerLogger(settings: Pick<LogSettings, 'level' | 'format'>, write: (line: string) => void): ServerLogger {
  const backlog = new LogBacklog();
  const destination = {
    write(chunk: string): void {
      const entry = backlog.push(entryOf(chunk));
      write(settings.format === 'json' ? chunk.trimEnd() : textLine(entry));
    },
  };
  const logger: Logger = pino(
    {
      level: settings.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: '***' },
    },
    destination,
  );
  const at =
    (level: LogLevel) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      const text = msg.startsWith(PREFIX) ? msg.slice(PREFIX.length) : msg;
      if (fields === undefined) logger[level](text);
      else logger[level](fields, text);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    get level() {
      return logger.level as LogLevel;
    },
    set level(level: LogLevel) {
      logger.level = level;
    },
    backlog,
  };
}

function entryOf(chunk: string): Omit<LogEntry, 'sequence'> {
  const { level, time, msg, ...fields } = JSON.parse(chunk) as Record<string, unknown>;
  return {
    ts: String(time),
    level: level as LogLevel,
    msg: typeof msg === 'string' ? msg : '',
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}
