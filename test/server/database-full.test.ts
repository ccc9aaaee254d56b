/**
 * A real `caesium server` whose SQLite file lives on a small tmpfs that fills
 * up while a task runs, and is freed again (docs/operations.md, "When the
 * database cannot be written"): meanwhile requests that write answer 503 with
 * the reason and `/health` is degraded; once space is back, the run whose
 * completion could not be written finishes without a restart, and `/health`
 * is healthy again.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from './support/in-process.js';
import { killAll, liveServers, spawnServer } from './support/server-process.js';
import type { HealthJson, RunJson } from '../../src/api/index.js';

/** Mounting a tmpfs needs root; without it the suite is skipped with the reason (and fails in CI). */
function requireRoot(): { skip: boolean } {
  if (process.getuid?.() === 0) return { skip: false };
  const reason = 'mounting a small tmpfs for the database needs root: run this file as root (as CI does)';
  if (process.env.CAESIUM_TEST_REQUIRE_ENGINES === '1') throw new Error(`${reason} (CAESIUM_TEST_REQUIRE_ENGINES=1)`);
  console.warn(`[caesium tests] skipping: ${reason}`);
  return { skip: true };
}
const root = requireRoot();

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, { ...init, headers: init?.body === undefined ? {} : { 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Polls until `fn` returns a value (the suite's own timeout bounds the wait). */
async function until<T>(fn: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Writes zeros to `file` until the file system is full. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(root.skip)('caesium server on a database that fills up and is freed again', () => {
  let dir: string;
  let mounted: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-dbfull-'));
    const mountPoint = join(dir, 'db');
    mkdirSync(mountPoint);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (mount.status !== 0) throw new Error(`mount -t tmpfs failed: ${mount.stderr}`);
    mounted = mountPoint;
  });
  afterAll(async () => {
    await killAll();
    if (mounted !== undefined) spawnSync('umount', [mounted]);
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('answers 503 with the reason and is degraded while full; the run finishes once space is back', async () => {
    const db = join(mounted!, 'caesium.db');
    const filler = join(mounted!, 'filler');
    const marks = join(dir, 'marks');
    mkdirSync(marks);
    const server = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    try {
      const work = `touch "$D/started"; while [ ! -e "$D/release" ]; do sleep 0.05; done; echo done`;
      const def = {
        apiVersion: 'v1',
        kind: 'Job',
        metadata: { alias: 'full-disk' },
        trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
        steps: [
          { name: 'work', engine: 'local', env: { D: marks }, command: ['sh', '-c', work] },
          { name: 'after', engine: 'local', command: ['sh', '-c', 'echo after'], dependsOn: ['work'] },
        ],
      };
      const applied = await json(`${server.url}/v1/jobdefs/apply`, { method: 'POST', body: JSON.stringify({ definitions: [def] }) });
      const jobId = applied.body.jobs[0].id as string;
      const runId = (await json(`${server.url}/v1/jobs/${jobId}/run`, { method: 'POST' })).body.id as string;
      await until(() => (existsSync(join(marks, 'started')) ? true : undefined), 'the task to start');

      fill(filler);
      writeFileSync(join(marks, 'release'), ''); // the task ends; its completion cannot be written
      const degraded = await until(async () => {
        const res = await json(`${server.url}/health`);
        return res.body.status === 'degraded' ? res : undefined;
      }, '/health to be degraded');
      expect(degraded.status).toBe(503);
      const health = degraded.body as HealthJson;
      expect(health.checks.database).toMatchObject({ status: 'degraded' });
      expect(health.checks.database.error).toContain('SQLITE_FULL');

      const refused = await json(`${server.url}/v1/jobs/${jobId}/run`, { method: 'POST' });
      expect(refused.status).toBe(503);
      expect(refused.body.message).toContain(`database ${db} cannot be written: database or disk is full (SQLITE_FULL)`);
      expect(((await json(`${server.url}/v1/jobs/${jobId}/runs/${runId}`)).body as RunJson).status).toBe('running');
      expect(server.stderr()).toContain(`the database ${db} cannot be written`);

      rmSync(filler);
      const run = await until(async () => {
        const r = (await json(`${server.url}/v1/jobs/${jobId}/runs/${runId}`)).body as RunJson;
        return r.status === 'running' ? undefined : r;
      }, 'the run to finish');
      expect(run.status).toBe('succeeded');
      expect(run.tasks.map((t) => [t.name, t.status, t.attempt])).toEqual([
        ['work', 'succeeded', 1],
        ['after', 'succeeded', 1],
      ]);
      const healthy = await json(`${server.url}/health`);
      expect(healthy.status).toBe(200);
      expect(healthy.body).toMatchObject({ status: 'healthy', checks: { database: { status: 'healthy' } } });
      expect(server.stderr()).toContain(`the database ${db} can be written again`);
      const runs = (await json(`${server.url}/v1/jobs/${jobId}/runs`)).body as RunJson[];
      expect(runs.filter((r) => r.status === 'running')).toEqual([]);

      // An idle server notices too: a refused request makes it degraded, its probe makes it healthy once space is back.
      fill(filler);
      expect((await json(`${server.url}/v1/jobs/${jobId}/run`, { method: 'POST' })).status).toBe(503);
      expect((await json(`${server.url}/health`)).body).toMatchObject({ status: 'degraded' });
      rmSync(filler);
      await until(async () => ((await json(`${server.url}/health`)).status === 200 ? true : undefined), '/health to be healthy again');
      const after = (await json(`${server.url}/v1/jobs/${jobId}/runs`)).body as RunJson[];
      expect(after.map((r) => r.status)).toEqual(['succeeded']);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
