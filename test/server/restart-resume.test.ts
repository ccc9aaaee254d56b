/**
 * Restart safety against a real `caesium server` process on a real SQLite
 * file: runs in flight when the server is SIGKILLed resume when it starts
 * again on the same file; the dead server's task processes and containers
 * are gone within two seconds of its death.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from './support/in-process.js';
import { killAll, liveServers, spawnServer } from './support/server-process.js';
import { childProcesses, managedContainers, requireEngine, settle, TEST_IMAGE, type ContainerEngine } from '../support/engines.js';
import type { RunJson, TaskRunJson } from '../../src/api/index.js';

const HAS_PROC = existsSync('/proc/self/stat');
const engines = { docker: await requireEngine('docker'), podman: await requireEngine('podman') };

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

/** Whether `pid` is a live process (a zombie is not). */
function alive(pid: number): boolean {
  if (HAS_PROC) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A job whose `slow` step, on its first attempt, writes its pid to `<dir>/started`
 * and sleeps (it is killed mid-run); any later attempt succeeds at once. `after`
 * reports which version of the job it belongs to.
 */
function slowJob(alias: string, dir: string, retries: number, version: string): Record<string, unknown> {
  const slow = `if [ -e "$MARK_DIR/started" ]; then echo second attempt; exit 0; fi; echo $$ > "$MARK_DIR/pid.tmp"; mv "$MARK_DIR/pid.tmp" "$MARK_DIR/started"; exec sleep 300`;
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
    steps: [
      { name: 'first', engine: 'local', command: ['sh', '-c', 'echo one'] },
      { name: 'slow', engine: 'local', retries, env: { MARK_DIR: dir }, command: ['sh', '-c', slow], dependsOn: ['first'] },
      { name: 'after', engine: 'local', command: ['sh', '-c', `echo '##caesium::output {"version": "${version}"}'`], dependsOn: ['slow'] },
    ],
  };
}

describe('caesium server restart safety (SIGKILL mid-run, restart on the same SQLite file)', () => {
  let dir: string;
  const pids: number[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-resume-'));
  });
  afterAll(async () => {
    await killAll();
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('resumes runs left running: a new attempt when one is left, a clear failure otherwise; no leftover processes', async () => {
    const db = join(dir, 'caesium.db');
    const retried = join(dir, 'retried');
    const once = join(dir, 'once');
    mkdirSync(retried);
    mkdirSync(once);
    const first = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    const apply = async (definitions: unknown[], force = false): Promise<Json> => {
      const res = await json(`${first.url}/v1/jobdefs/apply`, { method: 'POST', body: JSON.stringify({ definitions, force }) });
      expect(res.status).toBe(200);
      return res.body;
    };
    const applied = await apply([slowJob('resume-retried', retried, 1, '1'), slowJob('resume-once', once, 0, '1')]);
    const [retriedJob, onceJob] = applied.jobs.map((j: { id: string }) => j.id) as [string, string];
    const start = async (jobId: string): Promise<string> => {
      const res = await json(`${first.url}/v1/jobs/${jobId}/run`, { method: 'POST' });
      expect(res.status).toBe(202);
      return res.body.id as string;
    };
    const retriedRun = await start(retriedJob);
    const onceRun = await start(onceJob);
    const pidOf = (d: string): Promise<number> =>
      until(() => {
        const file = join(d, 'started');
        return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
      }, `${d}/started`);
    const slowPids = [await pidOf(retried), await pidOf(once)];
    pids.push(...slowPids);
    // Re-applied while its run is in flight: the run must finish on its own version.
    await apply([slowJob('resume-retried', retried, 1, '2'), slowJob('resume-once', once, 0, '1')], true);

    // The server forks local tasks through its spawn broker, which must go with it.
    const brokers = HAS_PROC ? childProcesses(first.child.pid).map((p) => p.pid) : [];
    if (HAS_PROC) expect(brokers).toHaveLength(1);
    expect(await first.stop('SIGKILL')).toBeNull();
    // The broker stops the tasks of its dead server (within two seconds, as docs/operations.md says), then exits.
    expect(await settle(() => slowPids.filter(alive), 2_000)).toEqual([]);
    await until(() => (brokers.some(alive) ? undefined : true), 'the spawn broker to exit with its server');

    const second = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    try {
      const finished = (jobId: string, runId: string): Promise<RunJson> =>
        until(async () => {
          const run = (await json(`${second.url}/v1/jobs/${jobId}/runs/${runId}`)).body as RunJson;
          return run.status === 'running' ? undefined : run;
        }, `run ${runId} to end`);

      const a = await finished(retriedJob, retriedRun);
      expect(a.status).toBe('succeeded');
      const task = (run: RunJson, name: string): TaskRunJson => run.tasks.find((t) => t.name === name) as TaskRunJson;
      expect(a.tasks.map((t) => [t.name, t.status, t.attempt])).toEqual([
        ['first', 'succeeded', 1],
        ['slow', 'succeeded', 2],
        ['after', 'succeeded', 1],
      ]);
      expect(task(a, 'after').output).toEqual({ version: '1' });

      const b = await finished(onceJob, onceRun);
      expect(b).toMatchObject({ status: 'failed', error: 'server restarted while the task was running; no attempts left' });
      expect(b.tasks.map((t) => [t.name, t.status])).toEqual([
        ['first', 'succeeded'],
        ['slow', 'failed'],
        ['after', 'skipped'],
      ]);
      expect(task(b, 'slow').error).toBe('server restarted while the task was running; no attempts left');

      for (const jobId of [retriedJob, onceJob]) {
        const runs = (await json(`${second.url}/v1/jobs/${jobId}/runs`)).body as RunJson[];
        expect(runs.filter((r) => r.status === 'running')).toEqual([]);
      }
      expect(second.stderr()).toContain(`resuming run ${retriedRun} of resume-retried (version 1; 1 task(s) were running)`);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  });

  const leftContainer = async (engine: ContainerEngine): Promise<void> => {
    const db = join(dir, `${engine}.db`);
    const first = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    const def = {
      apiVersion: 'v1',
      kind: 'Job',
      metadata: { alias: `resume-${engine}` },
      trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' } },
      steps: [
        { name: 'sleep', engine, image: TEST_IMAGE, command: ['sleep', '300'] },
        { name: 'cleanup', engine: 'local', command: ['true'], dependsOn: ['sleep'], triggerRule: 'all_done' },
      ],
    };
    const applied = await json(`${first.url}/v1/jobdefs/apply`, { method: 'POST', body: JSON.stringify({ definitions: [def] }) });
    const jobId = applied.body.jobs[0].id as string;
    const runId = (await json(`${first.url}/v1/jobs/${jobId}/run`, { method: 'POST' })).body.id as string;
    await until(
      async () => ((await managedContainers(engine, runId)).some((c) => c.endsWith('(running)')) ? true : undefined),
      'the container to run',
    );

    expect(await first.stop('SIGKILL')).toBeNull();
    // The server's container watchdog removes the containers of its dead server (docs/operations.md).
    expect(await settle(() => managedContainers(engine, runId), 2_000)).toEqual([]);

    const second = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    try {
      const run = await until(async () => {
        const r = (await json(`${second.url}/v1/jobs/${jobId}/runs/${runId}`)).body as RunJson;
        return r.status === 'running' ? undefined : r;
      }, 'the run to end');
      expect(run).toMatchObject({ status: 'failed', error: 'server restarted while the task was running; no attempts left' });
      expect(run.tasks.map((t) => [t.name, t.status])).toEqual([
        ['sleep', 'failed'],
        ['cleanup', 'succeeded'],
      ]);
      expect(await managedContainers(engine, runId)).toEqual([]);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  };

  for (const engine of ['docker', 'podman'] as const) {
    it.skipIf(engines[engine].skip)(
      `removes the container a ${engine} task left running, and fails the task that had no attempt left`,
      () => leftContainer(engine),
    );
  }
});
