/**
 * `POST …/runs/:run_id/cancel` and `caesium run cancel` against a real server
 * process: the running task's whole process group (a child and a grandchild)
 * or its container is gone, pending tasks end cancelled, the run ends
 * `cancelled` naming who cancelled it; again is harmless, a finished run is a 409.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { managedContainers, processes, requireEngine, settle, TEST_IMAGE } from '../support/engines.js';
import { definition, waitFor, type Json } from './support/in-process.js';
import { openSse } from './support/sse-reader.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';

const docker = await requireEngine('docker');

async function call(url: string, method: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

describe('run cancel against a real server process', () => {
  let dir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-cancel-'));
    server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'caesium.db') });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  async function startRun(def: Record<string, unknown>): Promise<{ jobId: string; runId: string }> {
    const applied = await call(`${server.url}/v1/jobdefs/apply`, 'POST', { definitions: [def] });
    expect(applied.status).toBe(200);
    const jobId = applied.json.jobs[0].id as string;
    const started = await call(`${server.url}/v1/jobs/${jobId}/run`, 'POST');
    expect(started.status).toBe(202);
    return { jobId, runId: started.json.id as string };
  }

  const runUrl = (jobId: string, runId: string): string => `${server.url}/v1/jobs/${jobId}/runs/${runId}`;

  it('stops a local task with its child and grandchild, cancels the pending step, and records who cancelled', async () => {
    const marker = `${randomInt(100_000, 999_999)}`; // a sleep duration no other process uses
    const { jobId, runId } = await startRun(
      definition('cancel-local', [
        { name: 'long', engine: 'local', command: ['sh', '-c', `sh -c "sleep ${marker} & wait" & sleep ${marker}; echo never`] },
        { name: 'after', engine: 'local', command: ['sh', '-c', 'echo should-not-run'], dependsOn: ['long'] },
      ]),
    );
    const sleepers = (): string[] =>
      processes()
        .filter((p) => p.command === 'sleep')
        .filter((p) => cmdline(p.pid).includes(marker))
        .map((p) => String(p.pid));
    await waitFor(() => Promise.resolve(sleepers().length === 2 ? true : undefined));

    const cli = await runCli(['run', 'cancel', '--server', server.url, '--job-id', 'cancel-local', '--run-id', runId, '--by', 'alice']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(`Run ${runId} cancelled by alice; cancelled tasks: long, after\n`);
    expect(await settle(sleepers, 2_000)).toEqual([]);

    const run = await call(runUrl(jobId, runId), 'GET');
    expect(run.json).toMatchObject({ status: 'cancelled', cancelled_by: 'alice', error: 'run cancelled' });
    expect(run.json.tasks.map((t: Json): [string, string] => [t.name, t.status])).toEqual([
      ['long', 'cancelled'],
      ['after', 'cancelled'],
    ]);

    const sse = await openSse(`${server.url}/v1/events?run_id=${runId}&types=run_cancelled&cursor=0`);
    const [event] = await sse.until((m) => m.event === 'run_cancelled');
    await sse.close();
    expect(event?.data.payload).toMatchObject({ status: 'cancelled', cancelled_by: 'alice' });

    // Again: the same answer, nothing changes; another finished run is a 409.
    const again = await call(`${runUrl(jobId, runId)}/cancel`, 'POST', { by: 'bob' });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'cancelled', cancelled_by: 'alice' });
  });

  it('answers 409 for a run that finished, and 404 for a run of another job', async () => {
    const { jobId, runId } = await startRun(definition('cancel-done', [{ name: 'quick', engine: 'local', command: ['true'] }]));
    await waitFor(async () => ((await call(runUrl(jobId, runId), 'GET')).json.status === 'succeeded' ? true : undefined));
    const late = await call(`${runUrl(jobId, runId)}/cancel`, 'POST');
    expect(late).toEqual({
      status: 409,
      json: { message: `run ${runId} already finished (succeeded); only a running run can be cancelled` },
    });
    const other = await startRun(definition('cancel-other', [{ name: 'quick', engine: 'local', command: ['true'] }]));
    expect((await call(`${runUrl(other.jobId, runId)}/cancel`, 'POST')).status).toBe(404);
    const bad = await call(`${runUrl(jobId, runId)}/cancel`, 'POST', { by: '' });
    expect(bad).toEqual({ status: 400, json: { message: 'by must NOT have fewer than 1 characters' } });
  });

  describe.skipIf(docker.skip)('on Docker', () => {
    it('removes the running container', async () => {
      const { jobId, runId } = await startRun(
        definition('cancel-docker', [{ name: 'sleepy', engine: 'docker', image: TEST_IMAGE, command: ['sleep', '300'] }]),
      );
      await waitFor(async () => ((await managedContainers('docker', runId)).length === 1 ? true : undefined), 30_000);
      await waitFor(async () => {
        const run = await call(runUrl(jobId, runId), 'GET');
        return run.json.tasks[0]?.runtime_id === undefined ? undefined : true;
      }, 30_000);
      const cancelled = await call(`${runUrl(jobId, runId)}/cancel`, 'POST', { by: 'ops' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.json).toMatchObject({ status: 'cancelled', cancelled_by: 'ops' });
      expect(cancelled.json.tasks[0]).toMatchObject({ name: 'sleepy', status: 'cancelled' });
      expect(await settle(() => managedContainers('docker', runId), 10_000)).toEqual([]);
    });
  });
});

/** The full command line of a process ('' once it exited). */
function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
