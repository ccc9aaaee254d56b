/**
 * The HTTP request metrics of docs/decisions.md §5 (the original's request
 * middleware): `caesium_requests_total`, `caesium_request_duration_seconds`,
 * `caesium_request_size_bytes` and `caesium_response_size_bytes`, labelled
 * `code`, `method`, `host` and `url` = the matched route pattern (so ids do
 * not explode the label set; unmatched requests are labelled `/*`).
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { CaesiumMetrics } from '../observe/metrics/create-metrics.js';

/** Middleware that observes every request on `metrics`. */
export function httpMetrics(metrics: CaesiumMetrics): MiddlewareHandler {
  return async (c, next) => {
    const began = performance.now();
    await next();
    const labels = {
      code: String(c.res.status),
      method: c.req.method,
      host: c.req.header('host') ?? '',
      url: routePath(c, -1) || '/*',
    };
    metrics.family('caesium_requests_total').inc(labels);
    metrics.family('caesium_request_duration_seconds').observe(labels, (performance.now() - began) / 1000);
    metrics.family('caesium_request_size_bytes').observe(labels, Number(c.req.header('content-length') ?? 0) || 0);
    metrics.family('caesium_response_size_bytes').observe(labels, Number(c.res.headers.get('content-length') ?? 0) || 0);
  };
}
