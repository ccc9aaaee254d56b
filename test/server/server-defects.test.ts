/**
 * Small server defects, each as a user meets it (in-process server, memory
 * store, local engine): pause/unpause events on the stream, `GET /v1/jobs`
 * with `order_by` and `trigger_id`, a manual run's `priority`, and `/metrics`
 * passing `promtool check metrics`.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';
import { openSse } from './support/sse-reader.js';
import { requireTool } from '../support/tools.js';

// Absent, the promtool test is skipped with the reason printed; in CI it is required (Debian's prometheus).
const promtoolTool = requireTool('promtool', 'prometheus');

function promtool(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

describe('server defects', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    const applied = await server.call('POST', '/v1/jobdefs/apply', {
      definitions: [
        definition('b-job'),
        definition('a-job'),
        definition('c-job', [{ name: 'boom', engine: 'local', command: ['sh', '-c', 'exit 3'] }]),
      ],
    });
    expect(applied.status).toBe(200);
    for (const job of applied.json.jobs as Json[]) ids[job.alias as string] = job.id as string;
  });
  afterAll(async () => {
    await server.close();
  });

  it('emits job_paused and job_unpaused, and the stream filters on them', async () => {
    const sse = await openSse(`${server.url}/v1/events?types=job_paused,job_unpaused&job_id=${ids['a-job']}`);
    expect(sse.status).toBe(200);
    expect((await server.call('PUT', `/v1/jobs/${ids['a-job']}/pause`)).json).toMatchObject({ paused: true });
    expect((await server.call('PUT', `/v1/jobs/${ids['a-job']}/unpause`)).json).toMatchObject({ paused: false });
    const events = await sse.until((m) => m.event === 'job_unpaused');
    await sse.close();
    expect(events.map((m): unknown[] => [m.event, m.data.job_id, m.data.payload])).toEqual([
      ['job_paused', ids['a-job'], { id: ids['a-job'], alias: 'a-job', paused: true }],
      ['job_unpaused', ids['a-job'], { id: ids['a-job'], alias: 'a-job', paused: false }],
    ]);
    // Persisted: a replay from the start finds them too.
    const replay = await openSse(`${server.url}/v1/events?types=job_paused&cursor=0`);
    expect((await replay.next()).data).toMatchObject({ type: 'job_paused', job_id: ids['a-job'] });
    await replay.close();
  });

  it('orders GET /v1/jobs by order_by and filters it by trigger_id', async () => {
    const aliases = async (query: string): Promise<string[]> =>
      ((await server.call('GET', `/v1/jobs${query}`)).json as Json[]).map((j) => j.alias as string);
    expect(await aliases('')).toEqual(['a-job', 'b-job', 'c-job']);
    expect(await aliases('?order_by=alias%20desc')).toEqual(['c-job', 'b-job', 'a-job']);
    const detail = await server.call('GET', `/v1/jobs/${ids['b-job']}`);
    expect(await aliases(`?trigger_id=${detail.json.trigger_id as string}`)).toEqual(['b-job']);
    const bad = await server.call('GET', '/v1/jobs?order_by=secret');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe(
      'invalid order_by "secret": use column [asc|desc] with a column among id, alias, paused, created_at, updated_at',
    );
    expect((await server.call('GET', '/v1/jobs?trigger_id=nope')).status).toBe(400);
  });

  it('keeps the priority of a manual run and shows it (3 high, 2 normal, 1 low)', async () => {
    const high = await server.call('POST', `/v1/jobs/${ids['b-job']}/run`, { priority: 'high' });
    expect(high.status).toBe(202);
    expect(high.json.priority).toBe(3);
    const plain = await server.call('POST', `/v1/jobs/${ids['b-job']}/run`);
    expect(plain.json.priority).toBe(2);
    const read = await server.call('GET', `/v1/jobs/${ids['b-job']}/runs/${high.json.id as string}`);
    expect(read.json.priority).toBe(3);
  });

  it.skipIf(promtoolTool.skip)('serves /metrics that promtool check metrics accepts, with the failure counters', async () => {
    const run = await server.call('POST', `/v1/jobs/${ids['c-job']}/run`);
    await waitFor(async () => {
      const { json } = await server.call('GET', `/v1/jobs/${ids['c-job']}/runs/${run.json.id as string}`);
      return json.status === 'running' ? undefined : true;
    });
    const metrics = await waitFor(async () => {
      const text = (await server.call('GET', '/metrics')).text;
      return text.includes('caesium_run_failures_total{') ? text : undefined;
    });
    expect(metrics).toContain(`caesium_task_failures_total{job_id="${ids['c-job']}",task_name="boom",engine="local"} 1`);
    expect(metrics).toContain(`caesium_run_failures_total{job_id="${ids['c-job']}"} 1`);
    expect(await promtool(metrics)).toEqual({ code: 0, output: '' });
  });
});
