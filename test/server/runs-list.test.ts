/**
 * `GET /v1/runs`: every job's runs newest first, a page at a time with the total in a header, filtered by
 * status, job, trigger and start time; bad filters are refused with what to send instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';

describe('GET /v1/runs', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer();
    const applied = await server.call('POST', '/v1/jobdefs/apply', {
      definitions: [
        definition('good', [{ name: 'ok', engine: 'local', command: ['true'] }]),
        definition('bad', [{ name: 'breaks', engine: 'local', command: ['false'] }]),
      ],
    });
    for (const job of applied.json.jobs as Json[]) ids[job.alias as string] = job.id as string;
    for (const alias of ['good', 'good', 'bad']) {
      const started = await server.call('POST', `/v1/jobs/${ids[alias]}/run`);
      const path = `/v1/jobs/${ids[alias]}/runs/${started.json.id as string}`;
      await waitFor(async () => (['succeeded', 'failed'].includes((await server.call('GET', path)).json.status) ? true : undefined));
    }
  });
  afterAll(() => server.close());

  it('lists the runs of every job newest first, with the count of all of them', async () => {
    const all = await server.call('GET', '/v1/runs');
    expect(all.status).toBe(200);
    expect(all.headers.get('x-caesium-run-count')).toBe('3');
    expect(all.json.map((r: Json) => r.job_alias as string)).toEqual(['bad', 'good', 'good']);
    const page = await server.call('GET', '/v1/runs?limit=1&offset=1');
    expect(page.json.map((r: Json) => r.id as string)).toEqual([all.json[1].id]);
    expect(page.headers.get('x-caesium-run-count')).toBe('3');
  });

  it('filters by status, job, trigger and start time, and names the failing step', async () => {
    const failed = await server.call('GET', '/v1/runs?status=failed');
    expect(failed.json).toHaveLength(1);
    expect(failed.json[0].tasks.filter((t: Json) => t.status === 'failed').map((t: Json) => t.name as string)).toEqual(['breaks']);
    expect((await server.call('GET', '/v1/runs?job=good')).json).toHaveLength(2);
    expect((await server.call('GET', '/v1/runs?trigger=manual')).json).toHaveLength(3);
    expect((await server.call('GET', '/v1/runs?trigger=cron')).json).toHaveLength(0);
    expect((await server.call('GET', '/v1/runs?since=2999-01-01T00:00:00Z')).json).toHaveLength(0);
    expect((await server.call('GET', '/v1/runs?until=2999-01-01T00:00:00Z')).json).toHaveLength(3);
  });

  it('refuses an unknown status or a time it cannot read', async () => {
    const status = await server.call('GET', '/v1/runs?status=done');
    expect(status.status).toBe(400);
    expect(status.json.message).toBe('invalid status "done": use one of queued, running, succeeded, failed, cancelled');
    const since = await server.call('GET', '/v1/runs?since=yesterday');
    expect(since.status).toBe(400);
    expect(since.json.message).toContain('use an ISO 8601 time');
  });

  it('lists when a cron job fires next, and shows the applied definition as YAML', async () => {
    const [job] = (await server.call('GET', '/v1/jobs?alias=good')).json as Json[];
    expect(job.next_fire_at).toMatch(/^\d{4}-01-01T00:00:00\.000Z$/);
    const def = await server.call('GET', `/v1/jobs/${ids.good}/definition`);
    expect(def.json).toMatchObject({ job_id: ids.good, version: 1 });
    expect(def.json.yaml).toContain('alias: good');
    expect(def.json.yaml).toContain('expression: 0 0 1 1 *');
  });

  it('says who the caller is: with auth off, anyone may do everything', async () => {
    const me = await server.call('GET', '/v1/auth/whoami');
    expect(me.json).toEqual({ auth: false, role: 'admin' });
  });
});
