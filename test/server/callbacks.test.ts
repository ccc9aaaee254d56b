import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';
import { deadUrl, WebhookReceiver } from './support/webhook-receiver.js';
import type { CallbackRunJson, RunJson } from '../../src/api/index.js';

describe('notification callbacks and their retry (docs/decisions.md §7, D11)', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let dead: string;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    dead = await deadUrl();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  async function applyJob(alias: string, callbacks: Record<string, unknown>[], command = 'echo hi'): Promise<string> {
    const def = { ...definition(alias, [{ name: 'only', engine: 'local', command: ['sh', '-c', command] }]), callbacks };
    const applied = await server.call('POST', '/v1/jobdefs/apply', { definitions: [def] });
    expect(applied.status).toBe(200);
    return applied.json.jobs[0].id as string;
  }

  /** Starts a run and waits until it ended and `attempts` callback attempts completed. */
  async function runWithCallbacks(jobId: string, attempts: number): Promise<Json> {
    const started = await server.call('POST', `/v1/jobs/${jobId}/run`);
    expect(started.status).toBe(202);
    return waitFor(async () => {
      const run = (await server.call('GET', `/v1/jobs/${jobId}/runs/${started.json.id}`)).json as RunJson;
      const done = (run.callbacks as CallbackRunJson[]).filter((c) => c.completed_at !== undefined);
      return run.status !== 'running' && done.length === attempts ? run : undefined;
    });
  }

  const notification = (url: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'notification',
    configuration: { url, ...extra },
  });

  it('POSTs the run to each callback in order, records every attempt and counts it, without touching the run', async () => {
    const jobId = await applyJob('cb-mixed', [
      notification(`${receiver.url}/ok`, { user_agent: 'caesium-test/1', headers: { 'X-Token': 'abc' } }),
      { type: 'notification', configuration: { webhook_url: `${receiver.url}/fail` } },
      notification(dead),
    ]);
    const run = await runWithCallbacks(jobId, 3);
    expect(run.status).toBe('succeeded');
    const attempts = run.callbacks as CallbackRunJson[];
    expect(attempts.map((a) => a.status)).toEqual(['succeeded', 'failed', 'failed']);
    expect(attempts[0]!.error).toBeUndefined();
    expect(attempts[1]!.error).toBe('webhook responded 500: boom');
    expect(attempts[2]!.error).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/gone: .*ECONNREFUSED/);

    const ok = receiver.received.find((r) => r.path === '/ok')!;
    expect(ok.headers['content-type']).toBe('application/json');
    expect(ok.headers['user-agent']).toBe('caesium-test/1');
    expect(ok.headers['x-token']).toBe('abc');
    expect(ok.body).toMatchObject({
      job_id: jobId,
      job_alias: 'cb-mixed',
      run_id: run.id,
      status: 'succeeded',
      started_at: run.started_at,
      completed_at: run.completed_at,
    });
    expect(ok.body.tasks).toEqual([
      expect.objectContaining({
        task_id: run.tasks[0].task_id,
        atom_id: run.tasks[0].task_id,
        name: 'only',
        engine: 'local',
        status: 'succeeded',
        command: ['sh', '-c', 'echo hi'],
      }),
    ]);
    expect(ok.body.params).toBeUndefined();

    const metrics = (await server.call('GET', '/metrics')).text;
    expect(metrics).toContain(`caesium_callback_runs_total{job_id="${jobId}",status="succeeded"} 1`);
    expect(metrics).toContain(`caesium_callback_runs_total{job_id="${jobId}",status="failed"} 2`);
  });

  it('retries only callbacks whose latest attempt failed; 500 while one still fails', async () => {
    const jobId = await applyJob('cb-retry', [
      notification(`${receiver.url}/ok`),
      notification(`${receiver.url}/fail-retry`),
      notification(dead),
    ]);
    receiver.healed = false;
    const run = await runWithCallbacks(jobId, 3);
    const [okBefore, failBefore] = [receiver.count('/ok'), receiver.count('/fail-retry')];

    receiver.healed = true;
    const first = await server.call('POST', `/v1/jobs/${jobId}/runs/${run.id}/callbacks/retry`);
    expect(first.status).toBe(500);
    expect(first.json.message).toMatch(/^1 of 2 retried callback\(s\) failed again: POST .*\/gone/);
    expect(receiver.count('/ok')).toBe(okBefore);
    expect(receiver.count('/fail-retry')).toBe(failBefore + 1);
    const attempts = first.json.run.callbacks as CallbackRunJson[];
    expect(attempts).toHaveLength(5);
    expect(
      attempts
        .slice(3)
        .map((a) => a.status)
        .sort(),
    ).toEqual(['failed', 'succeeded']);

    // The healed callback's latest attempt succeeded: only the unreachable one goes again.
    const second = await server.call('POST', `/v1/jobs/${jobId}/runs/${run.id}/callbacks/retry`);
    expect(second.status).toBe(500);
    expect(receiver.count('/fail-retry')).toBe(failBefore + 1);
    expect(second.json.run.callbacks).toHaveLength(6);
    expect(run.status).toBe('succeeded');
  });

  it('answers 202 with the refreshed run once every retried callback succeeds, and retries nothing after', async () => {
    receiver.healed = false;
    const jobId = await applyJob('cb-heal', [notification(`${receiver.url}/fail-heal`)], 'echo nope; exit 3');
    const run = await runWithCallbacks(jobId, 1);
    expect(run.status).toBe('failed');
    const sent = receiver.received.find((r) => r.path === '/fail-heal')!.body;
    expect(sent).toMatchObject({ status: 'failed', run_id: run.id });
    expect(sent.error).toEqual(expect.any(String));
    expect(sent.tasks[0]).toMatchObject({ status: 'failed', error: expect.any(String) });

    receiver.healed = true;
    const retried = await server.call('POST', `/v1/jobs/${jobId}/runs/${run.id}/callbacks/retry`);
    expect(retried.status).toBe(202);
    expect(retried.json).toMatchObject({ id: run.id, status: 'failed' });
    expect((retried.json.callbacks as CallbackRunJson[]).map((a) => a.status)).toEqual(['failed', 'succeeded']);
    const again = await server.call('POST', `/v1/jobs/${jobId}/runs/${run.id}/callbacks/retry`);
    expect(again.status).toBe(202);
    expect(again.json.callbacks).toHaveLength(2);
    expect(receiver.count('/fail-heal')).toBe(2);
  });

  it('answers 404 for an unknown run or a run of another job, 400 for a malformed id', async () => {
    const jobId = await applyJob('cb-none', []);
    const other = await applyJob('cb-other', []);
    const run = await runWithCallbacks(jobId, 0);
    expect((await server.call('POST', `/v1/jobs/${other}/runs/${run.id}/callbacks/retry`)).status).toBe(404);
    expect((await server.call('POST', `/v1/jobs/${jobId}/runs/00000000-0000-4000-8000-000000000000/callbacks/retry`)).status).toBe(404);
    expect((await server.call('POST', `/v1/jobs/${jobId}/runs/nope/callbacks/retry`)).status).toBe(400);
    const none = await server.call('POST', `/v1/jobs/${jobId}/runs/${run.id}/callbacks/retry`);
    expect(none).toMatchObject({ status: 202, json: { id: run.id, callbacks: [] } });
  });
});
