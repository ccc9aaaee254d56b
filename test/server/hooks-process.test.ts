import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from './support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';
import type { RunJson } from '../../src/api/index.js';

const BODY = JSON.stringify({ repository: { name: 'caesium' }, commits: [{ id: 'abc123' }] });

describe('webhooks on a real `caesium server` process (SQLite file, CAESIUM_WEBHOOK_* from the environment)', () => {
  let dir: string;
  let server: ServerProcess;
  let jobId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-hooks-process-'));
    server = await spawnServer({
      CAESIUM_DATABASE_PATH: join(dir, 'caesium.db'),
      CAESIUM_WEBHOOK_MAX_BODY_SIZE: '512B',
      CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE: '1',
      CAESIUM_WEBHOOK_RATE_LIMIT_BURST: '8',
      DEPLOY_HOOK_SECRET: 'process-secret',
    });
    const definition = {
      apiVersion: 'v1',
      kind: 'Job',
      metadata: { alias: 'on-push' },
      trigger: {
        type: 'http',
        configuration: {
          path: '/hooks/deploy',
          secret: 'secret://env/DEPLOY_HOOK_SECRET',
          paramMapping: { repo: '$.repository.name', commit: '$.commits[0].id' },
        },
        defaultParams: { env: 'staging' },
      },
      steps: [
        {
          name: 'show',
          engine: 'local',
          command: ['sh', '-c', 'echo "repo=$CAESIUM_PARAM_REPO commit=$CAESIUM_PARAM_COMMIT env=$CAESIUM_PARAM_ENV"'],
        },
      ],
    };
    const applied = await call('POST', '/v1/jobdefs/apply', JSON.stringify({ definitions: [definition] }), {
      'content-type': 'application/json',
    });
    expect(applied.status).toBe(200);
    jobId = applied.body.jobs[0].id;
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  async function call(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${server.url}${path}`, { method, body, headers });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  const sign = (body: string): string => `sha256=${createHmac('sha256', 'process-secret').update(body).digest('hex')}`;

  it('runs the job for a signed delivery, with mapped params over defaultParams in the step environment', async () => {
    const res = await call('POST', '/v1/hooks/deploy', BODY, { 'X-Hub-Signature-256': sign(BODY) });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ path: 'deploy', http_triggers_accepted: 1, http_runs_started: 1 });
    const runId: string = res.body.run_ids[0];
    let run: RunJson;
    const until = Date.now() + 15_000;
    for (;;) {
      run = (await call('GET', `/v1/jobs/${jobId}/runs/${runId}`)).body as RunJson;
      if (run.status !== 'running' || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run.status).toBe('succeeded');
    expect(run.params).toEqual({ env: 'staging', repo: 'caesium', commit: 'abc123' });
    const log = await fetch(`${server.url}/v1/jobs/${jobId}/runs/${runId}/logs?task_id=${run.tasks[0]!.task_id}`);
    expect(await log.text()).toContain('repo=caesium commit=abc123 env=staging');
  });

  it('answers 401 to a bad signature (counted in /metrics), 404 to an unknown path and 413 above 512B', async () => {
    expect((await call('POST', '/v1/hooks/deploy', BODY, { 'X-Hub-Signature-256': sign(`${BODY}x`) })).status).toBe(401);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/caesium_webhook_auth_failures_total\{path="deploy",reason="invalid_signature"\} 1/);
    expect(await call('POST', '/v1/hooks/elsewhere', '{}')).toEqual({ status: 404, body: { message: 'no trigger registered for path' } });
    const big = JSON.stringify({ pad: 'x'.repeat(600) });
    expect(await call('POST', '/v1/hooks/deploy', big, { 'X-Hub-Signature-256': sign(big) })).toEqual({
      status: 413,
      body: { message: 'request body too large' },
    });
  });

  it('is public (no auth configured here) and rate-limits one client after its burst with 429', async () => {
    // 8 tokens, refilled at 1 per minute: 4 used above; the fifth through eighth pass, the ninth does not
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('POST', '/v1/hooks/elsewhere', '{}')).status);
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
    const limited = await fetch(`${server.url}/v1/hooks/deploy`, { method: 'POST', body: '{}' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toEqual({ message: 'rate limit exceeded' });
  });
});
