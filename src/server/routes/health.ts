/** `GET /health` (docs/decisions.md §11.4): the database answers within 1 s and can be written, and how many runs are in flight. */
import type { Hono } from 'hono';
import type { HealthJson } from '../../api/health.js';
import type { AppDeps } from '../app-deps.js';

const DB_TIMEOUT_MS = 1000;

/** Registers the health route. */
export function healthRoutes(app: Hono, deps: AppDeps): void {
  app.get('/health', async (c) => {
    const began = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DB_TIMEOUT_MS)));
    const probe = deps.store.catalog.list({ limit: 1, offset: 0 }).then(
      () => 'ok' as const,
      () => 'error' as const,
    );
    const outcome = await Promise.race([probe, timeout]);
    clearTimeout(timer);
    const unwritable = deps.writeHealth?.failure;
    const healthy = outcome === 'ok' && unwritable === undefined;
    const latency = Math.round((performance.now() - began) * 1000) / 1000;
    const database: HealthJson['checks']['database'] =
      outcome !== 'ok'
        ? { status: 'unhealthy' }
        : unwritable === undefined
          ? { status: 'healthy', latency_ms: latency }
          : { status: 'degraded', latency_ms: latency, error: unwritable.reason, since: unwritable.since };
    const active = deps.launcher.activeCount;
    const body: HealthJson = {
      status: healthy ? 'healthy' : 'degraded',
      uptime: Math.round((deps.now() - deps.startedAt) * 1e6),
      checks: { database, ...(active > 0 ? { active_runs: { count: active } } : {}) },
    };
    return c.json(body, healthy ? 200 : 503);
  });
}
