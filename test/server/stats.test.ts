/**
 * `GET /v1/stats` and `/v1/stats/summary?window=` over runs of the local
 * engine (steps `true`/`false`) plus older runs seeded in the SQLite file,
 * and the worker claims of a node named by `CAESIUM_NODE_ADDRESS`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteFileStore } from '../../src/store/sqlite-file-store.js';
import { definition, startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';
import { idleWorkersJson } from './support/node-workers.js';
import type { RunJson } from '../../src/api/index.js';

const dir = mkdtempSync(join(tmpdir(), 'caesium-stats-'));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('run statistics and node workers', () => {
  let s: TestServer;
  const ids = new Map<string, string>();
  const runs: (RunJson & { alias: string })[] = [];
  const seeded: { alias: string; startedAt: string; seconds: number }[] = [];

  beforeAll(async () => {
    s = await startTestServer(
      { CAESIUM_NODE_ADDRESS: 'node-a:9001' },
      { store: await createSqliteFileStore({ path: join(dir, 'caesium.db') }) },
    );
    const defs = [
      definition('good', [{ name: 'ok', engine: 'local', command: ['true'] }]),
      definition('bad', [
        { name: 'prepare', engine: 'local', command: ['true'] },
        { name: 'explode', engine: 'local', command: ['false'] },
      ]),
      definition('slow', [{ name: 'nap', engine: 'local', command: ['sleep', '0.3'] }]),
    ];
    const applied = await s.call('POST', '/v1/jobdefs/apply', { definitions: defs });
    expect(applied.status, applied.text).toBe(200);
    for (const job of applied.json.jobs as { id: string; alias: string }[]) ids.set(job.alias, job.id);
    for (const alias of ['good', 'good', 'good', 'bad', 'bad', 'slow']) runs.push({ ...(await run(alias)), alias });
    // Older runs, written as the engine would have: one 25 h ago (in 7d, not in the last 24h), one 10 days ago.
    const now = Date.now();
    await seed('bad', now - 25 * HOUR, 90, 'failed');
    await seed('good', now - 10 * DAY, 5, 'failed');
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(alias: string): Promise<RunJson> {
    const started = await s.call('POST', `/v1/jobs/${ids.get(alias) ?? ''}/run`);
    expect(started.status, started.text).toBe(202);
    return waitFor<RunJson>(async () => {
      const body = (await s.call('GET', `/v1/jobs/${ids.get(alias) ?? ''}/runs/${started.json.id as string}`)).json as RunJson;
      return body.status === 'running' ? undefined : body;
    });
  }

  async function seed(alias: string, startMs: number, seconds: number, status: 'succeeded' | 'failed'): Promise<void> {
    const version = await s.store.jobs.current(alias);
    const row = await s.store.runs.create({ jobId: version?.id ?? '', params: {}, startedAt: new Date(startMs).toISOString() });
    await s.store.runs.finish(row.id, {
      status,
      error: status === 'failed' ? 'boom' : null,
      completedAt: new Date(startMs + seconds * 1000).toISOString(),
    });
    seeded.push({ alias, startedAt: row.startedAt, seconds });
  }

  const seconds = (r: RunJson): number => (Date.parse(r.completed_at as string) - Date.parse(r.started_at)) / 1000;
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('summarises the last 7 days by default', async () => {
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed', 'failed', 'succeeded']);
    const res = await s.call('GET', '/v1/stats');
    expect(res.status).toBe(200);
    const stats = res.json;
    expect(Object.keys(stats)).toEqual(['jobs', 'top_failing', 'top_failing_atoms', 'slowest_jobs', 'success_rate_trend']);
    const durations = [...runs.map(seconds), 90];
    expect(stats.jobs).toEqual({ total: 3, recent_runs: 6, success_rate: 4 / 7, avg_duration_seconds: expect.closeTo(mean(durations), 2) });

    const badFailures = runs.filter((r) => r.alias === 'bad').map((r) => r.completed_at as string);
    expect(stats.top_failing).toEqual([
      { job_id: ids.get('bad'), alias: 'bad', failure_count: 3, last_failure: badFailures.sort().at(-1) },
    ]);
    expect(stats.top_failing_atoms).toEqual([{ job_id: ids.get('bad'), alias: 'bad', atom_name: 'explode', failure_count: 2 }]);

    expect(stats.slowest_jobs.map((j: Json) => j.alias as string)).toEqual(['bad', 'slow', 'good']);
    const bad = [...runs.filter((r) => r.alias === 'bad').map(seconds), 90];
    expect(stats.slowest_jobs[0]).toEqual({ job_id: ids.get('bad'), alias: 'bad', avg_duration_seconds: expect.closeTo(mean(bad), 2) });
    expect(stats.slowest_jobs[1].avg_duration_seconds).toBeGreaterThanOrEqual(0.3);

    const trend = stats.success_rate_trend as { date: string; run_count: number; success_rate: number }[];
    const today = new Date().toISOString().slice(0, 10);
    expect(trend).toHaveLength(7);
    expect(trend.at(-1)).toEqual({ date: today, run_count: 6, success_rate: 4 / 6 });
    expect(trend[0]?.date).toBe(new Date(Date.now() - 6 * DAY).toISOString().slice(0, 10));
    const older = trend.find((d) => d.date === seeded[0]?.startedAt.slice(0, 10));
    expect(older).toEqual({ date: older?.date, run_count: 1, success_rate: 0 });
    expect(trend.reduce((n, d) => n + d.run_count, 0)).toBe(7);

    expect((await s.call('GET', '/v1/stats/summary?window=7d')).json).toEqual(stats);
    expect((await s.call('GET', '/v1/stats/summary')).json).toEqual(stats);
  });

  it('takes other windows', async () => {
    const day = (await s.call('GET', '/v1/stats/summary?window=24h')).json;
    expect(day.jobs).toMatchObject({ total: 3, recent_runs: 6, success_rate: 4 / 6 });
    expect(day.success_rate_trend).toHaveLength(1);
    expect(day.top_failing).toEqual([expect.objectContaining({ alias: 'bad', failure_count: 2 })]);

    const month = (await s.call('GET', '/v1/stats/summary?window=30d')).json;
    expect(month.jobs.success_rate).toBe(4 / 8);
    expect(month.success_rate_trend).toHaveLength(30);
    expect(month.top_failing.map((j: Json): [string, number] => [j.alias as string, j.failure_count as number])).toEqual([
      ['bad', 3],
      ['good', 1],
    ]);
  });

  it('answers 400 for a window that is not a positive duration', async () => {
    for (const window of ['abc', '0s', '-1h', '400d', '7']) {
      const res = await s.call('GET', `/v1/stats/summary?window=${window}`);
      expect(res.status, window).toBe(400);
      expect(res.json.message).toMatch(/window/);
    }
  });

  it('reports the claims of this node under CAESIUM_NODE_ADDRESS, none under its host:port', async () => {
    const res = await s.call('GET', '/v1/nodes/node-a:9001/workers');
    expect(res.status).toBe(200);
    expect(res.json).toEqual(idleWorkersJson('node-a:9001', { total: 8, byStatus: { failed: 2, succeeded: 6 }, attempts: 8 }));
    const other = (await s.call('GET', `/v1/nodes/${new URL(s.url).host}/workers`)).json;
    expect(other).toMatchObject({ total_claimed_tasks: 0, claimed_by_status: {}, active_claims: [] });
  });
});
