/**
 * Run retention and definition history against a real `caesium server`
 * process on a SQLite file: `POST /v1/admin/prune` (and `caesium admin prune`)
 * by count and age, the background sweep of CAESIUM_RUN_RETENTION_COUNT at
 * start, never a running run; `GET /v1/jobs/:id/versions`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { definition, waitFor, type Json } from './support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';

async function call(url: string, method = 'GET', body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

describe('run retention and job versions (real server process, SQLite file)', () => {
  let dir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-retention-'));
    server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'caesium.db') });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  async function runTo(jobId: string, end: boolean): Promise<string> {
    const started = await call(`${server.url}/v1/jobs/${jobId}/run`, 'POST');
    expect(started.status).toBe(202);
    const runId = started.json.id as string;
    if (end)
      await waitFor(
        async () => ((await call(`${server.url}/v1/jobs/${jobId}/runs/${runId}`)).json.status === 'succeeded' ? true : undefined),
        30_000,
      );
    return runId;
  }

  it('prunes finished runs past the count and by age, never the running one; lists versions with hash and provenance', async () => {
    const gate = join(dir, 'gate');
    const steps = [
      {
        name: 'wait',
        engine: 'local',
        command: ['sh', '-c', `[ "$HOLD" != yes ] || while [ ! -f '${gate}' ]; do sleep 0.05; done; echo done`],
        env: { HOLD: 'no' },
      },
    ];
    const first = await call(`${server.url}/v1/jobdefs/apply`, 'POST', {
      definitions: [definition('keep', steps)],
      provenance: { source_id: 'repo-a', commit: 'c1' },
    });
    const jobId = first.json.jobs[0].id as string;
    const old = [await runTo(jobId, true), await runTo(jobId, true)];
    const newest = await runTo(jobId, true);
    // A second version whose run holds on the gate: running while we prune.
    const held = [{ ...steps[0], env: { HOLD: 'yes' } }];
    await call(`${server.url}/v1/jobdefs/apply`, 'POST', {
      definitions: [definition('keep', held)],
      provenance: { source_id: 'repo-a', commit: 'c2' },
    });
    const running = await runTo(jobId, false);
    await waitFor(async () =>
      (await call(`${server.url}/v1/jobs/${jobId}/runs/${running}`)).json.tasks[0].status === 'running' ? true : undefined,
    );

    const versions = await call(`${server.url}/v1/jobs/${jobId}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.json).toMatchObject([
      { version: 2, current: true, provenance: { source_id: 'repo-a', commit: 'c2' } },
      { version: 1, current: false, provenance: { source_id: 'repo-a', commit: 'c1' } },
    ]);
    expect(versions.json[0].content_hash).toMatch(/^[0-9a-f]{16,}$/);
    expect(versions.json[0].content_hash).not.toBe(versions.json[1].content_hash);

    const dry = await runCli(['admin', 'prune', '--dry-run', '--keep-per-job', '1', '--server', server.url]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(`Would prune 2 finished run(s) past the newest 1 per job\n  ${old[0]}\n  ${old[1]}\n`);
    expect((await call(`${server.url}/v1/jobs/${jobId}/runs/${old[0]}`)).status).toBe(200);

    const pruned = await call(`${server.url}/v1/admin/prune`, 'POST', { keep_per_job: 1 });
    expect(pruned.json).toMatchObject({ dry_run: false, keep_per_job: 1, runs: 2, run_ids: old });
    for (const id of old) {
      expect((await call(`${server.url}/v1/jobs/${jobId}/runs/${id}`)).status).toBe(404);
      expect((await call(`${server.url}/v1/jobs/${jobId}/runs/${id}/logs?task_id=wait`)).status).toBe(404);
    }
    // By age: everything finished goes, the running run stays.
    const byAge = await call(`${server.url}/v1/admin/prune`, 'POST', { older_than: '1ms' });
    expect(byAge.json).toMatchObject({ runs: 1, run_ids: [newest] });
    expect((await call(`${server.url}/v1/jobs/${jobId}/runs/${running}`)).json.status).toBe('running');
    expect((await call(`${server.url}/v1/admin/prune`, 'POST', {})).status).toBe(400);

    writeFileSync(gate, '');
    await waitFor(
      async () => ((await call(`${server.url}/v1/jobs/${jobId}/runs/${running}`)).json.status === 'succeeded' ? true : undefined),
      30_000,
    );
    const after = [await runTo(jobId, true), await runTo(jobId, true)];

    // The background sweep at start: CAESIUM_RUN_RETENTION_COUNT=1 keeps only the newest finished run.
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'caesium.db'), CAESIUM_RUN_RETENTION_COUNT: '1' });
    await waitFor(async () => ((await call(`${server.url}/v1/jobs/${jobId}/runs`)).json.length === 1 ? true : undefined));
    const left = (await call(`${server.url}/v1/jobs/${jobId}/runs`)).json;
    expect((left as { id: string }[]).map((r) => r.id)).toEqual([after[1]]);
    expect(server.stderr()).toContain('pruned 2 finished run(s) past the run retention');
  });
});
