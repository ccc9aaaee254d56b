/** `GET /metrics`: the Prometheus text exposition of this server's registry. */
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';

/** Registers the metrics route. */
export function metricsRoutes(app: Hono, deps: AppDeps): void {
  app.get('/metrics', async (c) => {
    const text = await deps.metrics.exposition();
    return c.body(text, 200, { 'Content-Type': deps.metrics.registry.contentType });
  });
}
