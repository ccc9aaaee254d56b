import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, startTestServer, waitFor, type TestServer } from './support/in-process.js';
import type { DagNodeJson, RunJson, TaskRunJson } from '../../src/api/index.js';

const STEPS = [
  { name: 'fetch', engine: 'local', command: ['sh', '-c', 'echo "day=$CAESIUM_PARAM_DAY"'], next: ['use'] },
  { name: 'use', engine: 'local', command: ['sh', '-c', 'echo used'] },
];
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('jobs and runs', () => {
  let s: TestServer;
  let jobId: string;
  beforeAll(async () => {
    s = await startTestServer();
    const def = {
      ...definition('flow', STEPS),
      trigger: { type: 'cron', configuration: { expression: '0 0 1 1 *' }, defaultParams: { day: 'mon', region: 'eu' } },
    };
    jobId = (await s.call('POST', '/v1/jobdefs/apply', { definitions: [def] })).json.jobs[0].id;
  });
  afterAll(async () => {
    await s.close();
  });

  async function finished(runId: string): Promise<RunJson> {
    return waitFor<RunJson>(async () => {
      const run = (await s.call('GET', `/v1/jobs/${jobId}/runs/${runId}`)).json as RunJson;
      return run.status === 'running' ? undefined : run;
    });
  }

  it('starts a manual run (202), overlays params on defaultParams (docs/decisions.md D8) and runs it to succeeded', async () => {
    const res = await s.call('POST', `/v1/jobs/${jobId}/run`, { params: { day: 'tue' } });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ job_id: jobId, job_alias: 'flow', status: 'running', params: { day: 'tue', region: 'eu' } });
    // docs/decisions.md §11.4: the 202 carries the run with its tasks still empty; the count says how many will run.
    expect(res.json).toMatchObject({ tasks: [], total_tasks: 2, executed_tasks: 0 });
    const run = await finished(res.json.id);
    expect(run.status).toBe('succeeded');
    expect(run.tasks.map((t: TaskRunJson) => [t.name, t.status, t.engine])).toEqual([
      ['fetch', 'succeeded', 'local'],
      ['use', 'succeeded', 'local'],
    ]);
    expect(run).toMatchObject({ total_tasks: 2, executed_tasks: 2, cache_hits: 0, callbacks: [] });
    const fetchTask = run.tasks[0]!;
    const log = await s.call('GET', `/v1/jobs/${jobId}/runs/${run.id}/logs?task_id=${fetchTask.task_id}`);
    expect(log.status).toBe(200);
    expect(log.headers.get('x-caesium-log-source')).toBe('persisted');
    expect(log.text).toContain('day=tue');
    const byName = await s.call('GET', `/v1/jobs/${jobId}/runs/${run.id}/logs?task_id=use`);
    expect(byName.text).toContain('used');
  });

  it('lets runs of one job overlap (docs/decisions.md D7) and lists them newest first, paged', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await s.call('POST', `/v1/jobs/${jobId}/run`)).json.id);
    for (const id of ids) await finished(id);
    const all = (await s.call('GET', `/v1/jobs/${jobId}/runs?limit=1000`)).json;
    expect(all).toHaveLength(4);
    const starts = all.map((r: RunJson) => r.started_at);
    expect([...starts].sort().reverse()).toEqual(starts);
    const page = (await s.call('GET', `/v1/jobs/${jobId}/runs?limit=2&offset=1`)).json;
    expect(page.map((r: RunJson) => r.id)).toEqual(all.slice(1, 3).map((r: RunJson) => r.id));
    expect(page[0].tasks).toHaveLength(2);
  });

  it('serves the job, its tasks and its DAG with step names (docs/decisions.md D16)', async () => {
    const job = (await s.call('GET', `/v1/jobs/${jobId.slice(0, 8)}`)).json;
    expect(job).toMatchObject({ id: jobId, alias: 'flow', paused: false, trigger: { type: 'cron' } });
    expect(job.latest_run.status).toBe('succeeded');
    const dag = (await s.call('GET', `/v1/jobs/${jobId}/dag`)).json;
    expect(dag.nodes.map((n: DagNodeJson) => n.name)).toEqual(['fetch', 'use']);
    expect(dag.nodes[0].successors).toEqual([dag.nodes[1].id]);
    expect(dag.edges).toEqual([{ from: dag.nodes[0].id, to: dag.nodes[1].id }]);
    const list = (await s.call('GET', '/v1/jobs?limit=10')).json;
    expect(list[0].last_runs.length).toBeGreaterThan(0);
  });

  it('pauses and unpauses; a paused job refuses manual runs (409)', async () => {
    expect((await s.call('PUT', `/v1/jobs/${jobId}/pause`)).json.paused).toBe(true);
    const refused = await s.call('POST', `/v1/jobs/${jobId}/run`);
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({ message: 'job is paused' });
    expect((await s.call('PUT', `/v1/jobs/${jobId}/unpause`)).json.paused).toBe(false);
  });

  it.each([
    ['GET', `/v1/jobs/${MISSING}`, 404],
    ['GET', `/v1/jobs/${MISSING}/tasks`, 404],
    ['GET', `/v1/jobs/${MISSING}/runs`, 404],
    ['POST', `/v1/jobs/${MISSING}/run`, 404],
    ['PUT', `/v1/jobs/${MISSING}/pause`, 404],
    ['GET', '/v1/jobs/not-a-uuid/tasks', 400],
    ['GET', '/v1/jobs/zz', 400],
    ['GET', '/v1/jobs?limit=0', 400],
    ['GET', '/v1/nothing', 404],
  ])('%s %s → %i with a message', async (method, path, status) => {
    const res = await s.call(method, path);
    expect(res.status).toBe(status);
    expect(typeof res.json.message).toBe('string');
  });

  it('answers 404 for a run of another job and 400 for bad run bodies', async () => {
    const other = (await s.call('POST', '/v1/jobdefs/apply', { definitions: [definition('other')] })).json.jobs[0].id;
    const run = (await s.call('GET', `/v1/jobs/${jobId}/runs?limit=1`)).json[0];
    expect((await s.call('GET', `/v1/jobs/${other}/runs/${run.id}`)).status).toBe(404);
    expect((await s.call('GET', `/v1/jobs/${jobId}/runs/${run.id}/logs`)).json.message).toBe('task_id is required');
    const bad = await s.call('POST', `/v1/jobs/${jobId}/run`, { params: { a: { nested: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('params.a');
  });

  it('exposes engine and HTTP metrics labelled by route pattern', async () => {
    const text = (await s.call('GET', '/metrics')).text;
    expect(text).toContain(`caesium_job_runs_total{job_id="${jobId}",status="succeeded"}`);
    expect(text).toMatch(/caesium_requests_total\{code="202",method="POST",host="127\.0\.0\.1:\d+",url="\/v1\/jobs\/:id\/run"\} \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
