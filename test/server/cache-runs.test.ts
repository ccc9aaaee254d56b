/**
 * Server runs share the store's task cache (docs/decisions.md §3): a job that sets
 * `cache` runs its steps once, then answers them from `task_caches`, with the
 * hit, miss and short-circuit counters on /metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, startTestServer, waitFor, type TestServer } from './support/in-process.js';
import type { RunJson } from '../../src/api/index.js';

const STEPS = [
  { name: 'fetch', engine: 'local', command: ['sh', '-c', 'echo fetching; echo \'##caesium::output {"rows": 3}\''], next: ['use'] },
  { name: 'use', engine: 'local', command: ['sh', '-c', 'echo "using $CAESIUM_OUTPUT_FETCH_ROWS rows"'] },
];

describe('server runs and the task cache', () => {
  let s: TestServer;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    s = await startTestServer();
    const applied = await s.call('POST', '/v1/jobdefs/apply', {
      definitions: [definition('cached', STEPS, { cache: { ttl: '1h' } }), definition('plain', STEPS)],
    });
    expect(applied.status, applied.text).toBe(200);
    for (const job of applied.json.jobs as { id: string; alias: string }[]) ids.set(job.alias, job.id);
  });
  afterAll(async () => {
    await s.close();
  });

  async function run(alias: string): Promise<RunJson> {
    const jobId = ids.get(alias) ?? '';
    const started = await s.call('POST', `/v1/jobs/${jobId}/run`);
    expect(started.status, started.text).toBe(202);
    return waitFor<RunJson>(async () => {
      const body = (await s.call('GET', `/v1/jobs/${jobId}/runs/${started.json.id as string}`)).json as RunJson;
      return body.status === 'running' ? undefined : body;
    });
  }

  const statuses = (r: RunJson): string[] => r.tasks.map((t) => `${t.name}: ${t.status}`);

  it('answers every step of a cached job from the cache on its second run', async () => {
    const first = await run('cached');
    expect(first.status).toBe('succeeded');
    expect(statuses(first)).toEqual(['fetch: succeeded', 'use: succeeded']);
    expect(first).toMatchObject({ cache_hits: 0, executed_tasks: 2 });

    const second = await run('cached');
    expect(second.status).toBe('succeeded');
    expect(statuses(second)).toEqual(['fetch: cached', 'use: cached']);
    expect(second.tasks.map((t) => t.cache_hit)).toEqual([true, true]);
    expect(second.tasks[0]?.output).toEqual({ rows: '3' });
    expect(second).toMatchObject({ cache_hits: 2, executed_tasks: 0, total_tasks: 2 });
    // No container, no logs: the cached task has no persisted snapshot.
    const log = await s.call('GET', `/v1/jobs/${ids.get('cached') ?? ''}/runs/${second.id}/logs?task_id=fetch`);
    expect(log.text).not.toContain('fetching');

    const metrics = (await s.call('GET', '/metrics')).text;
    expect(metrics).toMatch(/^caesium_task_cache_hits_total\{job_alias="cached",task_name="fetch"\} 1$/m);
    expect(metrics).toMatch(/^caesium_task_cache_hits_total\{job_alias="cached",task_name="use"\} 1$/m);
    expect(metrics).toMatch(/^caesium_task_cache_misses_total\{job_alias="cached",task_name="fetch"\} 1$/m);
    expect(metrics).toMatch(/^caesium_task_runs_total\{job_id="[^"]+",task_id="[^"]+",engine="local",status="succeeded"\} 1$/m);
  });

  it('executes every run of a job that does not set cache', async () => {
    for (let i = 0; i < 2; i++) expect(statuses(await run('plain'))).toEqual(['fetch: succeeded', 'use: succeeded']);
    expect((await s.call('GET', '/metrics')).text).not.toMatch(/job_alias="plain"/);
  });
});
