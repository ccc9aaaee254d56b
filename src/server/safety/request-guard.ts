/**
 * Checks every request meets before a route sees it (docs/security.md):
 * an unknown method on a known path is 405 with `Allow`; a mutating request
 * must carry JSON (415) from this origin, no origin, or a listed CORS origin
 * (403), so a web page cannot drive the API; bodies past the limit are 413.
 * `/v1/hooks/*` keeps its own body limit and content types.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { errorJson } from '../http-error.js';
import { matchRoute } from '../auth/route-match.js';
import type { SafetySettings } from './safety-settings.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isHook = (path: string): boolean => path.startsWith('/v1/hooks/');

/** The middlewares, in order: CORS (when origins are listed), methods, content type and origin, body size. */
export function requestGuards(settings: SafetySettings): MiddlewareHandler[] {
  const guards: MiddlewareHandler[] = [];
  if (settings.corsOrigins.length > 0)
    guards.push(cors({ origin: settings.corsOrigins, allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  guards.push(async (c, next) => {
    const { entry, allowed } = matchRoute(c.req.method, c.req.path);
    if (entry === undefined && allowed.length > 0) {
      const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', ');
      return c.json(errorJson(`method ${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow}`), 405, { Allow: allow });
    }
    if (!MUTATING.has(c.req.method) || isHook(c.req.path)) return next();
    const type = c.req.header('content-type');
    const hasBody = Number(c.req.header('content-length') ?? '0') > 0 || c.req.header('transfer-encoding') !== undefined;
    if (type !== undefined ? !/^application\/json\s*(;|$)/i.test(type.trim()) : hasBody)
      return c.json(errorJson(`Content-Type must be application/json; got ${type === undefined ? 'none' : `"${type}"`}`), 415);
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameOrigin(origin, c.req.url) && !settings.corsOrigins.includes(origin))
      return c.json(errorJson(`cross-origin request refused: Origin ${origin} is not this server (list it in CAESIUM_CORS_ORIGINS)`), 403);
    return next();
  });
  const limit = bodyLimit({
    maxSize: settings.maxBodyBytes,
    onError: (c) => c.json(errorJson(`request body too large: the limit is ${settings.maxBodyBytes} bytes (CAESIUM_MAX_BODY_SIZE)`), 413),
  });
  guards.push((c, next) => (isHook(c.req.path) ? next() : limit(c, next)));
  return guards;
}

function sameOrigin(origin: string, url: string): boolean {
  try {
    return new URL(origin).host === new URL(url).host;
  } catch {
    return false;
  }
}
