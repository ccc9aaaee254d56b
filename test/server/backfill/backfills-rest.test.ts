import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunJson } from '../../../src/api/index.js';
import { runCli } from '../../support/cli.js';
import type { Json } from '../support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from '../support/server-process.js';

async function call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

function job(
  alias: string,
  command: string[],
  trigger: Record<string, unknown> = { type: 'cron', configuration: { expression: '0 0 * * *' }, defaultParams: { region: 'eu' } },
): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Job', metadata: { alias }, trigger, steps: [{ name: 'only', engine: 'local', command }] };
}

/** Polls the backfill until it is no longer running. */
async function ended(base: string, jobId: string, id: string): Promise<Json> {
  const until = Date.now() + 30_000;
  for (;;) {
    const { json } = await call(base, 'GET', `/v1/jobs/${jobId}/backfills/${id}`);
    if (json.status !== 'running') return json;
    if (Date.now() > until) throw new Error(`backfill ${id} still running: ${JSON.stringify(json)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('backfills (a real server process on a SQLite file)', () => {
  let dir: string;
  let db: string;
  let server: ServerProcess;
  const ids: Record<string, string> = {};
  const url = (): string => server.url;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-backfill-'));
    db = join(dir, 'caesium.db');
    server = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    const applied = await call(url(), 'POST', '/v1/jobdefs/apply', {
      definitions: [
        job('daily', ['sh', '-c', 'echo "day $CAESIUM_PARAM_LOGICAL_DATE"']),
        job('broken', ['sh', '-c', 'exit 3']),
        job('slow', ['sh', '-c', 'sleep 0.4']),
        job('hooked', ['true'], { type: 'http', configuration: { path: 'hooked' } }),
      ],
    });
    expect(applied.status).toBe(200);
    for (const j of applied.json.jobs) ids[j.alias] = j.id;
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('runs one run per daily slot in [start, end) with logical_date over defaultParams, at most max_concurrent at once', async () => {
    const created = await call(url(), 'POST', `/v1/jobs/${ids.daily}/backfill`, {
      start: '2024-01-01T00:00:00Z',
      end: '2024-01-04T00:00:00Z',
      max_concurrent: 2,
    });
    expect(created.status).toBe(202);
    expect(created.json).toMatchObject({
      job_id: ids.daily,
      status: 'running',
      start: '2024-01-01T00:00:00Z',
      end: '2024-01-04T00:00:00Z',
      max_concurrent: 2,
      reprocess: 'none',
      total_runs: 3,
      completed_runs: 0,
      failed_runs: 0,
    });
    expect(Object.keys(created.json).sort()).toEqual(
      [
        'completed_runs',
        'created_at',
        'end',
        'failed_runs',
        'id',
        'job_id',
        'max_concurrent',
        'reprocess',
        'start',
        'status',
        'total_runs',
        'updated_at',
      ].sort(),
    );
    const done = await ended(url(), ids.daily!, created.json.id);
    expect(done).toMatchObject({ status: 'succeeded', total_runs: 3, completed_runs: 3, failed_runs: 0 });
    expect(done.completed_at).toEqual(expect.any(String));
    const runs = (await call(url(), 'GET', `/v1/jobs/${ids.daily}/runs`)).json as RunJson[];
    expect(runs.map((r) => r.params).sort((a, b) => a.logical_date!.localeCompare(b.logical_date!))).toEqual([
      { region: 'eu', logical_date: '2024-01-01T00:00:00Z' },
      { region: 'eu', logical_date: '2024-01-02T00:00:00Z' },
      { region: 'eu', logical_date: '2024-01-03T00:00:00Z' },
    ]);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
  });

  it('reprocess: none skips slots that have runs, all runs them again; a backfill with nothing to do succeeds at once', async () => {
    const none = await call(url(), 'POST', `/v1/jobs/${ids.daily}/backfill`, {
      start: '2024-01-01T00:00:00Z',
      end: '2024-01-05T00:00:00Z',
    });
    expect(none.json).toMatchObject({ total_runs: 1, max_concurrent: 1 });
    await ended(url(), ids.daily!, none.json.id);
    const nothing = await call(url(), 'POST', `/v1/jobs/${ids.daily}/backfill`, {
      start: '2024-01-01T00:00:00Z',
      end: '2024-01-05T00:00:00Z',
      reprocess: 'failed',
    });
    expect(nothing.json).toMatchObject({ status: 'succeeded', total_runs: 0 });
    expect(nothing.json.completed_at).toEqual(expect.any(String));
    const all = await call(url(), 'POST', `/v1/jobs/${ids.daily}/backfill`, {
      start: '2024-01-01T00:00:00Z',
      end: '2024-01-03T00:00:00Z',
      reprocess: 'all',
      max_concurrent: 0,
    });
    expect(all.json).toMatchObject({ total_runs: 2, max_concurrent: 1, reprocess: 'all' });
    expect(await ended(url(), ids.daily!, all.json.id)).toMatchObject({ status: 'succeeded', completed_runs: 2 });
    const list = await call(url(), 'GET', `/v1/jobs/${ids.daily}/backfills`);
    expect((list.json as { id: string }[]).map((b) => b.id).slice(0, 3)).toEqual([all.json.id, nothing.json.id, none.json.id]);
  });

  it('ends failed when a slot run fails; reprocess failed runs only those again', async () => {
    const created = await call(url(), 'POST', `/v1/jobs/${ids.broken}/backfill`, {
      start: '2024-02-01T00:00:00Z',
      end: '2024-02-03T00:00:00Z',
      max_concurrent: 5,
    });
    expect(await ended(url(), ids.broken!, created.json.id)).toMatchObject({ status: 'failed', completed_runs: 0, failed_runs: 2 });
    const again = await call(url(), 'POST', `/v1/jobs/${ids.broken}/backfill`, {
      start: '2024-02-01T00:00:00Z',
      end: '2024-02-04T00:00:00Z',
      reprocess: 'failed',
    });
    expect(again.json.total_runs).toBe(3);
  });

  it('cancel: stops launching, lets the run in flight drain, ends cancelled; a second cancel is 409', async () => {
    const created = await call(url(), 'POST', `/v1/jobs/${ids.slow}/backfill`, {
      start: '2024-03-01T00:00:00Z',
      end: '2024-03-11T00:00:00Z',
    });
    expect(created.json.total_runs).toBe(10);
    const cancel = await call(url(), 'PUT', `/v1/jobs/${ids.slow}/backfills/${created.json.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.json.cancel_requested_at).toEqual(expect.any(String));
    const done = await ended(url(), ids.slow!, created.json.id);
    expect(done.status).toBe('cancelled');
    expect(done.completed_runs + done.failed_runs).toBeLessThan(10);
    const twice = await call(url(), 'PUT', `/v1/jobs/${ids.slow}/backfills/${created.json.id}/cancel`);
    expect(twice).toEqual({ status: 409, json: { message: 'backfill is not running' } });
  });

  it('answers request and trigger errors with the texts of docs/decisions.md §10', async () => {
    const post = (id: string, body?: unknown): Promise<{ status: number; json: Json }> =>
      call(url(), 'POST', `/v1/jobs/${id}/backfill`, body);
    const range = { start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z' };
    expect(await post(ids.daily!, { start: '2024-01-01T00:00:00Z' })).toEqual({
      status: 400,
      json: { message: 'start and end are required' },
    });
    expect(await post(ids.daily!, { start: '2024-01-02T00:00:00Z', end: '2024-01-01T00:00:00Z' })).toEqual({
      status: 400,
      json: { message: 'end must be after start' },
    });
    expect(await post(ids.daily!, { ...range, reprocess: 'some' })).toEqual({
      status: 400,
      json: { message: 'reprocess must be one of: none, failed, all' },
    });
    expect((await post(ids.daily!, { ...range, start: 'yesterday' })).json.message).toMatch(/^start must be an RFC 3339 time/);
    expect((await post(ids.daily!, { ...range, max_concurrent: 'two' })).status).toBe(400);
    expect((await post(ids.daily!, '{not json')).status).toBe(400);
    expect((await post('not-a-uuid', range)).status).toBe(400);
    expect((await post('00000000-0000-4000-8000-000000000000', range)).status).toBe(404);
    expect(await post(ids.hooked!, range)).toEqual({ status: 422, json: { message: 'backfill requires a cron trigger' } });
    await call(url(), 'PUT', `/v1/jobs/${ids.daily}/pause`);
    expect(await post(ids.daily!, range)).toEqual({ status: 409, json: { message: 'job is paused' } });
    await call(url(), 'PUT', `/v1/jobs/${ids.daily}/unpause`);
    const [mine] = (await call(url(), 'GET', `/v1/jobs/${ids.daily}/backfills`)).json;
    expect((await call(url(), 'GET', `/v1/jobs/${ids.broken}/backfills/${mine.id}`)).status).toBe(404);
    expect((await call(url(), 'GET', `/v1/jobs/${ids.daily}/backfills/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await call(url(), 'GET', `/v1/jobs/00000000-0000-4000-8000-000000000000/backfills`)).status).toBe(404);
  });

  it('the CLI creates, lists and cancels backfills (human and --json)', async () => {
    const created = await runCli([
      'backfill',
      'create',
      '--job-id',
      'daily',
      '--start',
      '2024-05-01T00:00:00Z',
      '--end',
      '2024-05-03T00:00:00Z',
      '--max-concurrent',
      '2',
      '--server',
      url(),
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^Backfill started: [0-9a-f-]{36} \(2 run\(s\) from 2024-05-01T00:00:00Z to 2024-05-03T00:00:00Z, at most 2 at once, reprocess none\)\n$/,
    );
    const json = await runCli([
      'backfill',
      'create',
      '--job-id',
      ids.slow!,
      '--start',
      '2024-06-01T00:00:00Z',
      '--end',
      '2024-06-11T00:00:00Z',
      '--json',
      '--server',
      url(),
    ]);
    expect(json.code).toBe(0);
    const slow = JSON.parse(json.stdout);
    expect(slow).toMatchObject({ job_id: ids.slow, total_runs: 10, status: 'running' });
    const cancelled = await runCli(['backfill', 'cancel', '--job-id', 'slow', '--backfill-id', slow.id, '--server', url()]);
    expect(cancelled).toMatchObject({ code: 0, stdout: `Backfill ${slow.id} cancelled\n` });
    await ended(url(), ids.slow!, slow.id);
    const listed = await runCli(['backfill', 'list', '--job-id', 'slow', '--server', url()]);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(
      new RegExp(`^${slow.id}  cancelled  2024-06-01T00:00:00Z → 2024-06-11T00:00:00Z  \\d+/10 done, \\d+ failed$`),
    );
    const listedJson = JSON.parse((await runCli(['backfill', 'list', '--job-id', ids.slow!, '--json', '--server', url()])).stdout);
    expect(listedJson[0]).toMatchObject({ id: slow.id, status: 'cancelled' });

    expect(
      await runCli(['backfill', 'create', '--start', '2024-01-01T00:00:00Z', '--end', '2024-01-02T00:00:00Z', '--server', url()]),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--job-id is required') as unknown,
    });
    expect((await runCli(['backfill', 'create', '--job-id', 'daily', '--server', url()])).stderr).toContain(
      '--start and --end are required',
    );
    expect(
      (
        await runCli([
          'backfill',
          'create',
          '--job-id',
          'daily',
          '--start',
          '2024-01-01',
          '--end',
          '2024-01-02T00:00:00Z',
          '--server',
          url(),
        ])
      ).stderr,
    ).toContain('invalid --start (expected RFC3339, e.g. 2024-01-01T00:00:00Z): "2024-01-01"');
    const conflict = await runCli(['backfill', 'cancel', '--job-id', 'slow', '--backfill-id', slow.id, '--server', url()]);
    expect(conflict).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('backfill cancel failed (409): backfill is not running') as unknown,
    });
  });

  it('a running backfill resumes after a restart and ends succeeded', async () => {
    const created = await call(url(), 'POST', `/v1/jobs/${ids.slow}/backfill`, {
      start: '2024-07-01T00:00:00Z',
      end: '2024-07-04T00:00:00Z',
    });
    expect(created.json.total_runs).toBe(3);
    // Wait for the first slot's run to exist, then restart the server on the same file.
    const until = Date.now() + 15_000;
    while (!((await call(url(), 'GET', `/v1/jobs/${ids.slow}/runs?limit=1`)).json[0]?.params?.logical_date === '2024-07-01T00:00:00Z')) {
      if (Date.now() > until) throw new Error('the first slot never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await spawnServer({ CAESIUM_DATABASE_PATH: db });
    const done = await ended(url(), ids.slow!, created.json.id);
    expect(done).toMatchObject({ status: 'succeeded', total_runs: 3, completed_runs: 3, failed_runs: 0 });
    // max_concurrent 1: the slot runs that succeeded never overlapped.
    const runs = ((await call(url(), 'GET', `/v1/jobs/${ids.slow}/runs`)).json as RunJson[])
      .filter((r) => r.status === 'succeeded' && r.params.logical_date!.startsWith('2024-07-'))
      .sort((a, b) => a.started_at.localeCompare(b.started_at));
    expect(runs.map((r) => r.params.logical_date)).toEqual(['2024-07-01T00:00:00Z', '2024-07-02T00:00:00Z', '2024-07-03T00:00:00Z']);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.started_at >= runs[i - 1]!.completed_at!).toBe(true);
  });
});
