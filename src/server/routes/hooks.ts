/**
 * `POST /v1/hooks/<path>` (docs/decisions.md §8): public even when auth is on. Per
 * request: the client IP's token bucket (429 `rate limit exceeded`), the body
 * limit (413 `request body too large`), then `fireHook` (404, 401 or 202).
 * Expired replay keys are pruned at most once a minute, on a delivery.
 */
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { clientIp } from '../hooks/client-ip.js';
import { fireHook } from '../hooks/fire-hook.js';
import { normalizeHookPath } from '../../trigger/hook-path.js';
import { createRateLimiter } from '../hooks/rate-limiter.js';
import { errorJson } from '../http-error.js';
import { readLimitedBody } from '../hooks/read-body.js';

const PRUNE_EVERY_MS = 60_000;

/** What the webhook route uses of the app's deps. */
export type HookRouteDeps = Pick<AppDeps, 'store' | 'views' | 'launcher' | 'metrics' | 'now' | 'hooks'>;

/** Registers the webhook route with the settings in `deps.hooks`. */
export function hookRoutes(app: Hono, deps: HookRouteDeps): void {
  const settings = deps.hooks;
  const limiter = createRateLimiter({ perMinute: settings.ratePerMinute, burst: settings.burst, now: deps.now });
  const retryAfter = String(Math.max(1, Math.ceil(60 / Math.max(1, settings.ratePerMinute))));
  let nextPrune = 0;

  app.post('/v1/hooks/*', async (c) => {
    if (!limiter.take(clientIp(c, settings.trustedProxies)))
      return c.json(errorJson('rate limit exceeded'), 429, { 'Retry-After': retryAfter });
    const body = await readLimitedBody(c.req.raw, settings.maxBodyBytes);
    if (body === 'too-large') return c.json(errorJson('request body too large'), 413);
    const nowMs = deps.now();
    if (nowMs >= nextPrune) {
      nextPrune = nowMs + PRUNE_EVERY_MS;
      await deps.store.hooks.pruneDeliveries(new Date(nowMs).toISOString());
    }
    const path = normalizeHookPath(decodePath(c.req.path.slice('/v1/hooks'.length)));
    const outcome = await fireHook(
      { ...deps, settings },
      {
        path,
        source: c.req.header('x-caesium-event-source')?.trim() || c.req.header('x-webhook-source')?.trim() || path,
        header: (name) => c.req.header(name),
        body,
        nowMs,
      },
    );
    if (outcome.status === 202) return c.json(outcome.receipt, 202);
    return c.json(errorJson(outcome.message), outcome.status);
  });
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
