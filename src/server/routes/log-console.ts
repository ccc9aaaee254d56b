/**
 * The log console (docs/operator-consoles.md), registered only when
 * `CAESIUM_LOG_CONSOLE_ENABLED=true`: `GET /v1/logs/stream?level=&since=`
 * streams the server's own log, `GET /v1/logs/level` reads and
 * `PUT /v1/logs/level` `{level}` changes the level it logs at.
 */
import type { Hono } from 'hono';
import { bodyValidator, readJson } from '../body.js';
import { badRequest } from '../http-error.js';
import { openLogStream } from '../logging/log-stream.js';
import { parseLogLevel, type LogLevel } from '../logging/log-settings.js';
import type { ServerLogger } from '../logging/server-logger.js';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

const levelBody = bodyValidator<{ level: string }>({
  type: 'object',
  required: ['level'],
  properties: { level: { type: 'string' } },
  additionalProperties: false,
});

/** Registers the log console's routes over `logger`. */
export function logConsoleRoutes(app: Hono, logger: ServerLogger, pingMs?: number): void {
  app.get('/v1/logs/level', (c) => c.json({ level: logger.level }));
  app.put('/v1/logs/level', async (c) => {
    const { level } = levelBody(await readJson(c));
    logger.level = levelOf(level);
    logger.info('log level changed', { level: logger.level });
    return c.json({ level: logger.level });
  });
  app.get('/v1/logs/stream', (c) => {
    const rawLevel = c.req.query('level');
    const level = rawLevel === undefined || rawLevel.trim() === '' ? 'debug' : levelOf(rawLevel);
    const rawSince = c.req.query('since')?.trim() ?? '';
    if (rawSince !== '' && !/^\d+$/.test(rawSince)) throw badRequest(`since must be a log entry sequence number; got "${rawSince}"`);
    const since = rawSince === '' ? 0 : Number(rawSince);
    return new Response(openLogStream(logger.backlog, { level, since, pingMs }, c.req.raw.signal), { status: 200, headers: SSE_HEADERS });
  });
}

function levelOf(raw: string): LogLevel {
  const level = parseLogLevel(raw);
  if (level === undefined) throw badRequest(`invalid log level string: ${raw} (use debug, info, warn, error or fatal)`);
  return level;
}
