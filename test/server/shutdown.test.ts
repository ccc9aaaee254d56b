/**
 * Graceful shutdown against real `caesium server` processes on a real SQLite
 * file (docs/operations.md): on SIGTERM running tasks finish and the runs
 * they belong to resume on the next start instead of being cancelled; a
 * second signal, or the end of the grace period, stops the tasks, which run
 * again as new attempts on the next start.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from './support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';
import { processes } from '../support/engines.js';
import type { RunJson } from '../../src/api/index.js';

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

/**
 * `work` writes its pid to `<dir>/started` and, on its first attempt, waits until
 * `<dir>/release` exists (`forever`: never); a later attempt ends at once. `after`
 * depends on it. No retries: a stopped attempt must run again all the same.
 */
function job(alias: string, dir: string): Record<string, unknown> {
  const work = `if [ -e "$D/started" ]; then echo again; exit 0; fi; echo $$ > "$D/pid.tmp"; mv "$D/pid.tmp" "$D/started"; while [ ! -e "$D/release" ]; do sleep 0.05; done; echo released`;
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
    steps: [
      { name: 'work', engine: 'local', env: { D: dir }, command: ['sh', '-c', work] },
      { name: 'after', engine: 'local', command: ['sh', '-c', 'echo after'], dependsOn: ['work'] },
    ],
  };
}

function alive(pid: number): boolean {
  return processes().some((p) => p.pid === pid);
}

describe('caesium server graceful shutdown (SIGTERM with tasks running)', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'caesium-shutdown-'));
  });
  afterAll(async () => {
    await killAll();
    rmSync(root, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  /** A server on a fresh database with the job applied and one run whose `work` task is running. */
  async function runningTask(name: string, env: Record<string, string> = {}) {
    const dir = join(root, name);
    mkdirSync(dir);
    const db = join(dir, 'caesium.db');
    const server = await spawnServer({ CAESIUM_DATABASE_PATH: db, ...env });
    const applied = await json(`${server.url}/v1/jobdefs/apply`, {
      method: 'POST',
      body: JSON.stringify({ definitions: [job(name, dir)] }),
    });
    const jobId = applied.body.jobs[0].id as string;
    const runId = (await json(`${server.url}/v1/jobs/${jobId}/run`, { method: 'POST' })).body.id as string;
    const started = join(dir, 'started');
    const pid = await until(() => (existsSync(started) ? Number(readFileSync(started, 'utf8')) : undefined), 'the task to start');
    return { dir, db, server, jobId, runId, pid };
  }

  async function finishedAfterRestart(db: string, jobId: string, runId: string): Promise<{ run: RunJson; server: ServerProcess }> {
    const server = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    const run = await until(async () => {
      const r = (await json(`${server.url}/v1/jobs/${jobId}/runs/${runId}`)).body as RunJson;
      return r.status === 'running' ? undefined : r;
    }, `run ${runId} to end`);
    return { run, server };
  }

  it('lets the running task finish, exits, and the restarted server completes the run (not cancelled)', async () => {
    const { dir, db, server, jobId, runId } = await runningTask('drain');
    const exit = server.stop('SIGTERM');
    await until(() => (server.stderr().includes('starting no new tasks') ? true : undefined), 'the shutdown to begin');
    expect(server.stderr()).toContain('waiting up to 30s for the running tasks of 1 run(s) to finish');
    writeFileSync(join(dir, 'release'), '');
    expect(await exit).toBe(0);
    expect(server.stderr()).toContain(`run ${runId} stays running; it resumes on the next start`);
    expect(server.stderr()).not.toContain('stopping the running tasks');

    const { run, server: again } = await finishedAfterRestart(db, jobId, runId);
    try {
      expect(run.status).toBe('succeeded');
      // `work` finished during the shutdown (its first and only attempt); `after` ran after the restart.
      expect(run.tasks.map((t) => [t.name, t.status, t.attempt])).toEqual([
        ['work', 'succeeded', 1],
        ['after', 'succeeded', 1],
      ]);
      expect(again.stderr()).toContain(`resuming run ${runId} of drain (version 1; 0 task(s) were running)`);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it('stops the running task on a second SIGTERM; the restarted server runs it again as a new attempt', async () => {
    const { db, server, jobId, runId, pid } = await runningTask('twice');
    const exit = server.stop('SIGTERM');
    await until(() => (server.stderr().includes('starting no new tasks') ? true : undefined), 'the shutdown to begin');
    server.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(server.stderr()).toContain('SIGTERM received again, stopping the running tasks');
    expect(server.stderr()).toContain('asked to stop now: stopping the running tasks of 1 run(s)');
    expect(alive(pid)).toBe(false);

    const { run, server: again } = await finishedAfterRestart(db, jobId, runId);
    try {
      expect(run.status).toBe('succeeded');
      expect(run.tasks.map((t) => [t.name, t.status, t.attempt])).toEqual([
        ['work', 'succeeded', 2],
        ['after', 'succeeded', 1],
      ]);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it('stops the running task when the grace period is over (CAESIUM_SHUTDOWN_GRACE_PERIOD)', async () => {
    const { db, server, jobId, runId, pid } = await runningTask('grace', { CAESIUM_SHUTDOWN_GRACE_PERIOD: '1s' });
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toContain('waiting up to 1s for the running tasks of 1 run(s) to finish');
    expect(server.stderr()).toContain('grace period of 1s over: stopping the running tasks of 1 run(s)');
    expect(alive(pid)).toBe(false);

    const { run, server: again } = await finishedAfterRestart(db, jobId, runId);
    try {
      expect(run.status).toBe('succeeded');
      expect(run.tasks.map((t) => [t.name, t.status, t.attempt])).toEqual([
        ['work', 'succeeded', 2],
        ['after', 'succeeded', 1],
      ]);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
