/**
 * How a run started (docs/decisions.md §11.3): a cron or hook run carries
 * `trigger_type`/`trigger_alias`, a backfill run its `backfill_id`, a manual
 * run none of them; the REST run JSON, `latest_run`, the SSE run payloads and
 * `caesium run list` all say so. Real servers in this process (memory store,
 * local engine); the cron server's scheduler runs on a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { FakeClock } from './support/fake-clock.js';
import { definition, startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';
import { openSse } from './support/sse-reader.js';
import type { RunJson } from '../../src/api/index.js';

/** The origin fields a run JSON has (absent ones left out). */
function origin(run: Json): Record<string, unknown> {
  return Object.fromEntries(['backfill_id', 'trigger_type', 'trigger_alias'].filter((k) => k in run).map((k) => [k, run[k]]));
}

async function apply(server: TestServer, def: Record<string, unknown>): Promise<string> {
  const applied = await server.call('POST', '/v1/jobdefs/apply', { definitions: [def] });
  expect(applied.status).toBe(200);
  return applied.json.jobs[0].id as string;
}

/** Waits until the run has ended; its JSON. */
function finished(server: TestServer, jobId: string, runId: string): Promise<RunJson> {
  return waitFor(async () => {
    const run = (await server.call('GET', `/v1/jobs/${jobId}/runs/${runId}`)).json as RunJson;
    return run.status === 'running' ? undefined : run;
  }, 15_000);
}

/** The payload of the run's persisted `run_completed` event, replayed over SSE. */
async function completedPayload(server: TestServer, runId: string): Promise<Json> {
  const reader = await openSse(`${server.url}/v1/events?run_id=${runId}&types=run_completed&cursor=0`);
  try {
    return (await reader.next()).data.payload;
  } finally {
    await reader.close();
  }
}

/** The payload of the run's persisted `run_started` event. */
async function startedPayload(server: TestServer, runId: string): Promise<Json> {
  const reader = await openSse(`${server.url}/v1/events?run_id=${runId}&types=run_started&cursor=0`);
  try {
    return (await reader.next()).data.payload;
  } finally {
    await reader.close();
  }
}

/** `caesium run list` output: its lines (header first), or with `--json` the runs. */
async function listed(server: TestServer, jobId: string): Promise<string[]> {
  return (await cli(server, jobId)).trimEnd().split('\n');
}

async function listedJson(server: TestServer, jobId: string): Promise<RunJson[]> {
  return JSON.parse(await cli(server, jobId, '--json')) as RunJson[];
}

async function cli(server: TestServer, jobId: string, ...extra: string[]): Promise<string> {
  const res = await runCli(['run', 'list', '--job-id', jobId, '--server', server.url, ...extra]);
  expect(res).toMatchObject({ code: 0, stderr: '' });
  return res.stdout;
}

describe('a cron-fired run (in-process server, the scheduler on a fake clock)', () => {
  const clock = new FakeClock('2030-01-01T00:00:00Z');
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  it('records its trigger: trigger_type cron and the trigger alias (the job alias), no backfill_id; the CLI lists it as cron', async () => {
    const jobId = await apply(server, {
      ...definition('origin-cron'),
      trigger: { type: 'cron', configuration: { expression: '@hourly' } },
    });
    const [fired] = await waitFor(async () => {
      clock.set('2030-01-01T01:00:00Z'); // again on every poll: wakes the scheduler whichever sleep it is in
      const runs = (await server.call('GET', `/v1/jobs/${jobId}/runs`)).json as RunJson[];
      return runs.length > 0 ? runs : undefined;
    });
    expect(fired).toMatchObject({ params: { logical_date: '2030-01-01T01:00:00Z' } });
    expect(origin(fired)).toEqual({ trigger_type: 'cron', trigger_alias: 'origin-cron' });

    const run = await finished(server, jobId, fired!.id);
    expect(run.status).toBe('succeeded');
    expect(origin(run)).toEqual({ trigger_type: 'cron', trigger_alias: 'origin-cron' });
    expect(origin((await server.call('GET', `/v1/jobs/${jobId}`)).json.latest_run)).toEqual({
      trigger_type: 'cron',
      trigger_alias: 'origin-cron',
    });
    expect(origin(await completedPayload(server, run.id))).toEqual({ trigger_type: 'cron', trigger_alias: 'origin-cron' });

    const lines = await listed(server, jobId);
    expect(lines[0]).toMatch(/^RUN ID\s+STATUS\s+TRIGGER\s+STARTED\s+DURATION$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${run.id}  succeeded  cron     ${run.started_at}  \\d+\\.\\ds$`))]);
  });
});

describe('hook, backfill and manual runs (in-process server)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('a hook-fired run carries trigger_type http and the trigger alias; a manual run of the same job carries none', async () => {
    const jobId = await apply(server, { ...definition('origin-hook'), trigger: { type: 'http', configuration: { path: 'origin/hook' } } });
    const hook = await server.call('POST', '/v1/hooks/origin/hook', '{}');
    expect(hook.status).toBe(202);
    const hooked = await finished(server, jobId, hook.json.run_ids[0]);
    expect(origin(hooked)).toEqual({ trigger_type: 'http', trigger_alias: 'origin-hook' });
    expect(origin(await completedPayload(server, hooked.id))).toEqual({ trigger_type: 'http', trigger_alias: 'origin-hook' });

    const started = await server.call('POST', `/v1/jobs/${jobId}/run`);
    expect(started.status).toBe(202);
    expect(origin(started.json)).toEqual({});
    const manual = await finished(server, jobId, started.json.id);
    expect(origin(manual)).toEqual({});
    expect(origin(await completedPayload(server, manual.id))).toEqual({});
    expect(origin(await startedPayload(server, manual.id))).toEqual({});
    expect(origin(await startedPayload(server, hooked.id))).toEqual({ trigger_type: 'http' });
    expect(origin((await server.call('GET', `/v1/jobs/${jobId}`)).json.latest_run)).toEqual({});

    const runs = (await server.call('GET', `/v1/jobs/${jobId}/runs`)).json as RunJson[];
    expect(runs.map((r) => [r.id, origin(r)])).toEqual([
      [manual.id, {}],
      [hooked.id, { trigger_type: 'http', trigger_alias: 'origin-hook' }],
    ]);
    const lines = await listed(server, jobId);
    expect(lines.map((l) => l.split(/\s{2,}/).slice(0, 3))).toEqual([
      ['RUN ID', 'STATUS', 'TRIGGER'],
      [manual.id, 'succeeded', 'manual'],
      [hooked.id, 'succeeded', 'http'],
    ]);
    const json = await listedJson(server, jobId);
    expect(json.map(origin)).toEqual([{}, { trigger_type: 'http', trigger_alias: 'origin-hook' }]);
  });

  it('a backfill run carries its backfill_id and no trigger', async () => {
    const jobId = await apply(server, {
      ...definition('origin-backfill'),
      trigger: { type: 'cron', configuration: { expression: '0 0 * * *' } },
    });
    const created = await server.call('POST', `/v1/jobs/${jobId}/backfill`, {
      start: '2024-01-01T00:00:00Z',
      end: '2024-01-03T00:00:00Z',
      max_concurrent: 2,
    });
    expect(created.json).toMatchObject({ status: 'running', total_runs: 2 });
    const backfillId = created.json.id as string;
    await waitFor(async () => {
      const { json } = await server.call('GET', `/v1/jobs/${jobId}/backfills/${backfillId}`);
      return json.status === 'running' ? undefined : true;
    }, 15_000);
    const runs = (await server.call('GET', `/v1/jobs/${jobId}/runs`)).json as RunJson[];
    expect(runs).toHaveLength(2);
    for (const run of runs) expect(origin(run)).toEqual({ backfill_id: backfillId });
    expect(origin((await server.call('GET', `/v1/jobs/${jobId}/runs/${runs[0]!.id}`)).json)).toEqual({ backfill_id: backfillId });
    expect(origin(await completedPayload(server, runs[0]!.id))).toEqual({ backfill_id: backfillId });

    const lines = await listed(server, jobId);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[2])).toEqual(['backfill', 'backfill']);
    expect((await listedJson(server, jobId)).map((r) => r.backfill_id)).toEqual([backfillId, backfillId]);
  });
});
