/**
 * The webhook route in-process, without a port: `hookRoutes` on a Hono app
 * over a real SQLite file store, a real RunLauncher (local engine) and a clock
 * the test moves. Jobs are applied and paused through the same functions the
 * REST routes use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { CACHE_DEFAULTS } from '../../../src/engine/cache/settings.js';
import type { RunRecord, Store } from '../../../src/store/ports/store.js';
import { createMetrics, type CaesiumMetrics } from '../../../src/observe/metrics/create-metrics.js';
import { createRuntimes, type RuntimeRegistry } from '../../../src/runtime/index.js';
import { applyBatch } from '../../../src/server/apply/apply-batch.js';
import { hookSettingsFromEnv } from '../../../src/server/hooks/hook-settings.js';
import { JobViews } from '../../../src/server/job-views.js';
import { hookRoutes } from '../../../src/server/routes/hooks.js';
import { RunLauncher } from '../../../src/server/run-launcher.js';
import { storeTaskCache } from '../../../src/store/cache/store-cache.js';
import { createSqliteFileStore } from '../../../src/store/sqlite-file-store.js';
import type { Json } from './in-process.js';

export interface HookApp {
  store: Store;
  metrics: CaesiumMetrics;
  /** The route's clock (ms since the epoch); tests set it. */
  clock: { now: number };
  /** Engine failures (store errors) of runs started; a test expects none. */
  crashes: unknown[];
  /** Applies definitions; returns the catalog ids by alias. */
  apply(definitions: Record<string, unknown>[]): Promise<Record<string, string>>;
  pause(jobId: string): Promise<void>;
  /** POSTs `body` to `/v1/hooks/<path>`. */
  post(
    path: string,
    body: string | Uint8Array | ReadableStream<Uint8Array>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Json }>;
  /** Waits until the run has ended. */
  finished(runId: string): Promise<RunRecord>;
  close(): Promise<void>;
}

/** Builds the app; `env` holds `CAESIUM_WEBHOOK_*` settings and secrets for `secret://env/…`. */
export async function startHookApp(env: Record<string, string> = {}): Promise<HookApp> {
  const dir = mkdtempSync(join(tmpdir(), 'caesium-hooks-'));
  const store = await createSqliteFileStore({ path: join(dir, 'caesium.db') });
  const runtimes: RuntimeRegistry = createRuntimes(process.env);
  const metrics = createMetrics();
  const crashes: unknown[] = [];
  const launcher = new RunLauncher({
    store,
    runtimes,
    sink: () => undefined,
    maxParallel: 2,
    failurePolicy: undefined,
    cache: storeTaskCache(store),
    cacheDefaults: CACHE_DEFAULTS,
    onCrash: (_runId, error) => crashes.push(error),
  });
  const clock = { now: Date.parse('2024-06-01T12:00:00Z') };
  const app = new Hono();
  hookRoutes(app, { store, views: new JobViews(store), launcher, metrics, now: () => clock.now, hooks: hookSettingsFromEnv(env) });
  const iso = (): string => new Date(clock.now).toISOString();
  return {
    store,
    metrics,
    clock,
    crashes,
    async apply(definitions) {
      const applied = await applyBatch(store, { definitions }, iso());
      return Object.fromEntries(applied.jobs.map((j) => [j.alias, j.id]));
    },
    async pause(jobId) {
      await store.catalog.setPaused(jobId, true, iso());
    },
    async post(path, body, headers = {}) {
      const init = { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) };
      const res = await app.request(`/v1/hooks/${path}`, init as RequestInit);
      const text = await res.text();
      return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
    },
    async finished(runId) {
      const until = Date.now() + 15_000;
      for (;;) {
        const run = await store.runs.get(runId);
        if (run !== undefined && run.status !== 'running') return run;
        if (Date.now() > until) throw new Error(`run ${runId} still running`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await launcher.shutdown(5000);
      await runtimes.closeAll();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A definition with an http trigger and one quick local step. */
export function hookJob(
  alias: string,
  configuration: Record<string, unknown>,
  defaultParams: Record<string, string> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'http', configuration, ...(Object.keys(defaultParams).length > 0 ? { defaultParams } : {}) },
    steps: [{ name: 'only', engine: 'local', command: ['sh', '-c', 'echo fired'] }],
  };
}
