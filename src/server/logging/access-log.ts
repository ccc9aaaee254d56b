/**
 * One access log line per request, at info level, once the response is
 * ready: method, path (never the query string, which may carry a token),
 * the matched route, status, duration and client address. No header is
 * logged, so neither `Authorization` nor an API key can reach the log.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { BlockList } from 'node:net';
import { clientIp } from '../hooks/client-ip.js';
import type { ServerLogger } from './server-logger.js';

/** Middleware that logs every request on `logger`. */
export function accessLog(logger: ServerLogger, trustedProxies: BlockList | undefined): MiddlewareHandler {
  return async (c, next) => {
    const began = performance.now();
    await next();
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      route: routePath(c, -1) || '/*',
      status: c.res.status,
      duration_ms: Math.round((performance.now() - began) * 100) / 100,
      client: clientIp(c, trustedProxies),
    });
  };
}
