/**
 * The HTTP app: request metrics, one route module per resource, errors as
 * `{"message": …}` (docs/decisions.md §11.1). Tested in-process or served by
 * `startServer`.
 */
import { Hono } from 'hono';
import type { AppDeps } from './app-deps.js';
import { consoleRoutes } from './consoles.js';
import { errorJson, HttpError } from './http-error.js';
import { httpMetrics } from './http-metrics.js';
import { adminRoutes } from './routes/admin.js';
import { auditMiddleware } from './auth/audit-middleware.js';
import { authMiddleware } from './auth/auth-middleware.js';
import { accessLog } from './logging/access-log.js';
import { authRoutes } from './routes/auth.js';
import { requestGuards } from './safety/request-guard.js';
import { authKeyRoutes } from './routes/auth-keys.js';
import { backfillRoutes } from './routes/backfills.js';
import { cacheRoutes } from './routes/cache.js';
import { callbackRoutes } from './routes/callbacks.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { hookRoutes } from './routes/hooks.js';
import { inventoryRoutes } from './routes/inventory.js';
import { jobdefDiffRoutes } from './routes/jobdef-diff.js';
import { jobdefRoutes } from './routes/jobdefs.js';
import { jobRoutes } from './routes/jobs.js';
import { logRoutes } from './routes/logs.js';
import { taskDescriptorRoutes } from './routes/task-descriptor.js';
import { metricsRoutes } from './routes/metrics.js';
import { nodeRoutes } from './routes/nodes.js';
import { runRoutes } from './routes/runs.js';
import { runCancelRoutes } from './routes/run-cancel.js';
import { runRetryRoutes } from './routes/run-retry.js';
import { statsRoutes } from './routes/stats.js';
import { uiRoutes } from './routes/ui.js';
import { allRunsRoutes } from './routes/all-runs.js';
import { whoamiRoutes } from './routes/whoami.js';

/** Builds the app; `onError` hears about unexpected failures (answered 500). */
export function createApp(deps: AppDeps, onError: (error: unknown) => void = () => undefined): Hono {
  const app = new Hono();
  app.use('*', httpMetrics(deps.metrics));
  if (deps.logger !== undefined) app.use('*', accessLog(deps.logger, deps.hooks.trustedProxies));
  app.use('*', auditMiddleware(deps, onError));
  for (const guard of requestGuards(deps.safety)) app.use('*', guard);
  if (deps.auth.mode === 'api-key') app.use('*', authMiddleware(deps));
  healthRoutes(app, deps);
  authRoutes(app, deps);
  authKeyRoutes(app, deps);
  whoamiRoutes(app, deps);
  metricsRoutes(app, deps);
  jobdefRoutes(app, deps);
  jobdefDiffRoutes(app, deps);
  jobRoutes(app, deps);
  runRoutes(app, deps);
  allRunsRoutes(app, deps);
  runCancelRoutes(app, deps);
  runRetryRoutes(app, deps);
  backfillRoutes(app, deps);
  logRoutes(app, deps);
  taskDescriptorRoutes(app, deps);
  callbackRoutes(app, deps);
  eventRoutes(app, deps);
  hookRoutes(app, deps);
  cacheRoutes(app, deps);
  inventoryRoutes(app, deps);
  statsRoutes(app, deps);
  nodeRoutes(app, deps);
  adminRoutes(app, deps);
  consoleRoutes(app, deps);
  uiRoutes(app, deps.uiDir);
  app.notFound((c) => c.json(errorJson('Not Found'), 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(errorJson(error.message, error.details), error.status);
    const unwritable = deps.writeHealth?.noteFailure(error);
    if (unwritable !== undefined) return c.json(errorJson(deps.writeHealth!.refusal(unwritable)), 503);
    onError(error);
    return c.json(errorJson('internal server error'), 500);
  });
  return app;
}
