/**
 * The run launcher's admission/execution split, on a real SQLite file and
 * the real local runtime: `start` commits the run and returns, at most
 * `maxActiveRuns` runs execute at once (observed through the engine's
 * events), the rest wait in FIFO order as `running` runs with every task
 * `pending`; shutdown leaves those as they are, stops the executing ones'
 * tasks once its grace period is over, and a restart resumes them all.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_DEFAULTS } from '../../src/engine/cache/settings.js';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import type { RunRecord, Store } from '../../src/store/ports/store.js';
import { createRuntimes, type RuntimeRegistry } from '../../src/runtime/index.js';
import { applyBatch } from '../../src/server/apply/apply-batch.js';
import { JobViews } from '../../src/server/job-views.js';
import { resumeRuns } from '../../src/server/resume-runs.js';
import { RunLauncher } from '../../src/server/run-launcher.js';
import { storeTaskCache } from '../../src/store/cache/store-cache.js';
import { createSqliteFileStore } from '../../src/store/sqlite-file-store.js';

/** Two steps; the first waits until the gate file exists. */
function gatedJob(alias: string, gate: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'http', configuration: { path: alias } },
    steps: [
      { name: 'wait', engine: 'local', command: ['sh', '-c', `while [ ! -e "${gate}" ]; do sleep 0.02; done`] },
      { name: 'after', engine: 'local', command: ['sh', '-c', 'echo done'], dependsOn: ['wait'] },
    ],
  };
}

/** Polls `fn` until it returns a value (the test's timeout bounds the wait). */
async function until<T>(fn: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Harness {
  launcher: RunLauncher;
  /** Runs that have claimed a task and not ended: what is executing. */
  executing: Set<string>;
  /** The most runs executing at once, as the events show. */
  peak: { value: number };
  /** Runs in the order their first task was claimed. */
  startOrder: string[];
  terminal: Set<string>;
  crashes: unknown[];
}

describe('RunLauncher pool (CAESIUM_MAX_ACTIVE_RUNS)', () => {
  let dir: string;
  let gate: string;
  let store: Store;
  let runtimes: RuntimeRegistry;
  let views: JobViews;
  let jobId: string;
  const launchers: RunLauncher[] = [];

  function launcher(maxActiveRuns: number): Harness {
    const h: Harness = {
      launcher: undefined as unknown as RunLauncher,
      executing: new Set(),
      peak: { value: 0 },
      startOrder: [],
      terminal: new Set(),
      crashes: [],
    };
    const sink = (event: EngineEvent): void => {
      if (event.type === 'task_claimed' && !h.executing.has(event.runId) && !h.terminal.has(event.runId)) {
        h.executing.add(event.runId);
        h.startOrder.push(event.runId);
        h.peak.value = Math.max(h.peak.value, h.executing.size);
      }
      if (event.type === 'run_terminal') {
        h.executing.delete(event.runId);
        h.terminal.add(event.runId);
      }
    };
    h.launcher = new RunLauncher({
      store,
      runtimes,
      sink,
      maxParallel: 2,
      failurePolicy: undefined,
      cache: storeTaskCache(store),
      cacheDefaults: CACHE_DEFAULTS,
      onCrash: (_runId, error) => h.crashes.push(error),
      maxActiveRuns,
    });
    launchers.push(h.launcher);
    return h;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-pool-'));
    gate = join(dir, 'gate');
    store = await createSqliteFileStore({ path: join(dir, 'caesium.db') });
    runtimes = createRuntimes(process.env);
    views = new JobViews(store);
    const applied = await applyBatch(store, { definitions: [gatedJob('pooled', gate)] }, new Date().toISOString());
    jobId = applied.jobs[0]?.id ?? '';
  });

  afterEach(async () => {
    for (const l of launchers.splice(0)) await l.shutdown(5000);
    await runtimes.closeAll();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('admits a burst beyond the pool at once, runs at most N at a time, oldest first, and completes them all', async () => {
    const h = launcher(3);
    const view = await views.byId(jobId);
    const runs: RunRecord[] = [];
    for (let i = 0; i < 10; i++) runs.push(await h.launcher.start(view, {}));
    expect(runs.every((r) => r.status === 'running')).toBe(true);
    expect(h.launcher.activeCount).toBe(10);

    // Every task blocks on the gate: the pool fills and the rest wait, committed, with every task pending.
    await until(() => (h.executing.size === 3 ? true : undefined));
    expect(h.launcher.executingCount).toBe(3);
    expect(h.launcher.queuedCount).toBe(7);
    for (const run of runs.slice(3)) {
      const rows = await store.taskRuns.listByRun(run.id);
      expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
      expect((await store.runs.get(run.id))?.status).toBe('running');
    }

    writeFileSync(gate, '');
    await until(() => (h.terminal.size === 10 ? true : undefined));
    expect(h.peak.value).toBe(3);
    expect(h.startOrder).toEqual(runs.map((r) => r.id));
    for (const run of runs) expect((await store.runs.get(run.id))?.status).toBe('succeeded');
    expect(h.launcher.activeCount).toBe(0);
    expect(h.crashes).toEqual([]);
  });

  it('leaves executing and queued runs running on shutdown, and a restart resumes them', async () => {
    const first = launcher(1);
    const view = await views.byId(jobId);
    const runs: RunRecord[] = [];
    for (let i = 0; i < 3; i++) runs.push(await first.launcher.start(view, {}));
    await until(() => (first.executing.size === 1 ? true : undefined));

    // No grace period: the executing run's task is stopped at once and put back as its next attempt.
    expect(await first.launcher.shutdown(0)).toBe(3);
    const [executed, ...queued] = runs as [RunRecord, ...RunRecord[]];
    expect((await store.runs.get(executed.id))?.status).toBe('running');
    expect((await store.taskRuns.listByRun(executed.id)).map((r) => [r.status, r.attempt])).toEqual([
      ['pending', 2],
      ['pending', 1],
    ]);
    for (const run of queued) {
      expect((await store.runs.get(run.id))?.status).toBe('running');
      expect((await store.taskRuns.listByRun(run.id)).map((r) => r.status)).toEqual(['pending', 'pending']);
    }
    await expect(first.launcher.start(view, {})).rejects.toThrow('shutting down');

    // The next start (same file): the queued runs resume, still one at a time.
    writeFileSync(gate, '');
    const second = launcher(1);
    const logs: string[] = [];
    const resumed = await resumeRuns({
      store,
      launcher: second.launcher,
      log: (l) => logs.push(l),
      killRunProcesses: () => Promise.resolve(0),
    });
    expect(resumed).toBe(3);
    await until(() => (second.terminal.size === 3 ? true : undefined));
    expect(second.peak.value).toBe(1);
    for (const run of runs) expect((await store.runs.get(run.id))?.status).toBe('succeeded');
    expect(existsSync(gate)).toBe(true);
    expect([...first.crashes, ...second.crashes]).toEqual([]);
  });
});
