/**
 * Triggers, atoms, a job's cache entries, worker claims and auth status
 * (docs/decisions.md §11.4) from a server over a real SQLite file: shapes, paging,
 * allow-listed `order_by`, 400s and 404s, and ids that agree with job, task
 * and DAG JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteFileStore } from '../../src/store/sqlite-file-store.js';
import { definition, startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';
import { idleWorkersJson } from './support/node-workers.js';
import type { RunJson } from '../../src/api/index.js';

const dir = mkdtempSync(join(tmpdir(), 'caesium-inventory-'));
const DOCKER_STEP = {
  name: 'load',
  engine: 'docker',
  image: 'alpine:3.20',
  command: ['sh', '-c', 'echo loading'],
  env: { MODE: 'full' },
  workdir: '/work',
  mounts: [{ type: 'bind', source: '/tmp/in', target: '/in', readOnly: true }],
};
const PROVENANCE = { source_id: 'repo-1', repo: 'git@example:jobs', ref: 'main' };
const CACHED_STEPS = [
  { name: 'fetch', engine: 'local', command: ['sh', '-c', 'echo \'##caesium::output {"rows": 3}\''], cache: true, next: ['use'] },
  { name: 'use', engine: 'local', command: ['true'], cache: true },
];

describe('triggers, atoms, cache, workers and auth status', () => {
  let s: TestServer;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    s = await startTestServer({}, { store: await createSqliteFileStore({ path: join(dir, 'caesium.db') }) });
    const defs = [
      definition('alpha'),
      definition('bravo', [DOCKER_STEP]),
      definition('charlie', CACHED_STEPS),
      definition('delta', [{ name: 'nap', engine: 'local', command: ['sleep', '1'] }]),
    ];
    const applied = await s.call('POST', '/v1/jobdefs/apply', { definitions: defs, provenance: PROVENANCE });
    expect(applied.status, applied.text).toBe(200);
    for (const job of applied.json.jobs as { id: string; alias: string }[]) ids.set(job.alias, job.id);
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const id = (alias: string): string => ids.get(alias) ?? '';

  async function run(alias: string): Promise<RunJson> {
    const started = await s.call('POST', `/v1/jobs/${id(alias)}/run`);
    expect(started.status, started.text).toBe(202);
    return waitFor<RunJson>(async () => {
      const body = (await s.call('GET', `/v1/jobs/${id(alias)}/runs/${started.json.id as string}`)).json as RunJson;
      return body.status === 'running' ? undefined : body;
    });
  }

  describe('GET /v1/triggers', () => {
    it('lists the triggers of current job versions with the ids job JSON shows', async () => {
      const res = await s.call('GET', '/v1/triggers');
      expect(res.status).toBe(200);
      expect(res.json.map((t: Json) => t.alias as string)).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
      const [alpha] = res.json as Json[];
      expect(Object.keys(alpha).sort()).toEqual(
        [
          'alias',
          'configuration',
          'created_at',
          'id',
          'provenance_commit',
          'provenance_path',
          'provenance_ref',
          'provenance_repo',
          'provenance_source_id',
          'type',
          'updated_at',
        ].sort(),
      );
      expect(alpha).toMatchObject({
        type: 'cron',
        provenance_source_id: 'repo-1',
        provenance_repo: 'git@example:jobs',
        provenance_ref: 'main',
        provenance_commit: '',
      });
      expect(typeof alpha.configuration).toBe('string');
      expect(JSON.parse(alpha.configuration as string)).toEqual({ expression: '0 0 1 1 *' });
      const job = (await s.call('GET', `/v1/jobs/${id('alpha')}`)).json;
      expect(job.trigger_id).toBe(alpha.id);
      expect(job.trigger).toEqual(alpha);
      expect((await s.call('GET', `/v1/triggers/${alpha.id as string}`)).json).toEqual(alpha);
    });

    it('pages and orders by allow-listed columns', async () => {
      const page = async (query: string): Promise<string[]> => {
        const res = await s.call('GET', `/v1/triggers?${query}`);
        expect(res.status, res.text).toBe(200);
        return (res.json as Json[]).map((t) => t.alias as string);
      };
      expect(await page('limit=2')).toEqual(['alpha', 'bravo']);
      expect(await page('limit=2&offset=2')).toEqual(['charlie', 'delta']);
      expect(await page('offset=10')).toEqual([]);
      expect(await page('order_by=alias%20desc')).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
      expect(await page('order_by=type,alias+DESC&limit=1')).toEqual(['delta']);
      const byId = (await s.call('GET', '/v1/triggers?order_by=id')).json.map((t: Json) => t.id as string);
      expect(byId).toEqual([...byId].sort());
    });

    it('rejects anything else in order_by, bad paging and bad ids', async () => {
      for (const query of [
        'order_by=alias;drop%20table%20jobs',
        'order_by=configuration',
        'order_by=alias%20sideways',
        'order_by=alias,alias',
        'order_by=(select%201)',
        'limit=0',
        'limit=abc',
        'offset=-1',
      ]) {
        const res = await s.call('GET', `/v1/triggers?${query}`);
        expect(res.status, query).toBe(400);
        expect(typeof res.json.message).toBe('string');
      }
      expect((await s.call('GET', '/v1/triggers/not-a-uuid')).status).toBe(400);
      const missing = await s.call('GET', '/v1/triggers/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ message: 'trigger 00000000-0000-4000-8000-000000000000 not found' });
    });

    it('lists the new trigger after a re-apply and still finds the old one by id', async () => {
      const before = (await s.call('GET', '/v1/triggers?limit=1')).json[0];
      const changed = definition('alpha');
      (changed.trigger as Json).configuration = { expression: '0 0 2 1 *' };
      expect((await s.call('POST', '/v1/jobdefs/apply', { definitions: [changed], provenance: PROVENANCE })).status).toBe(200);
      const after = (await s.call('GET', '/v1/triggers?limit=1')).json[0];
      expect(after.alias).toBe('alpha');
      expect(after.id).not.toBe(before.id);
      expect((await s.call('GET', `/v1/jobs/${id('alpha')}`)).json.trigger_id).toBe(after.id);
      expect((await s.call('GET', `/v1/triggers/${before.id as string}`)).json.configuration).toBe(before.configuration);
    });
  });

  describe('GET /v1/atoms', () => {
    it('lists steps as atoms whose ids are the atom_id of task and DAG JSON', async () => {
      const res = await s.call('GET', '/v1/atoms?engine=docker');
      expect(res.status, res.text).toBe(200);
      expect(res.json).toHaveLength(1);
      const atom = res.json[0];
      expect(atom).toEqual({
        id: atom.id,
        engine: 'docker',
        image: 'alpine:3.20',
        command: JSON.stringify(['sh', '-c', 'echo loading']),
        spec: { env: { MODE: 'full' }, workdir: '/work', mounts: [{ type: 'bind', source: '/tmp/in', target: '/in', read_only: true }] },
        replay_safe: false,
        provenance_source_id: 'repo-1',
        provenance_repo: 'git@example:jobs',
        provenance_ref: 'main',
        provenance_commit: '',
        provenance_path: '',
        created_at: atom.created_at,
        updated_at: atom.created_at,
      });
      const tasks = (await s.call('GET', `/v1/jobs/${id('bravo')}/tasks`)).json as Json[];
      expect(tasks.map((t) => t.atom_id as string)).toEqual([atom.id]);
      const dag = (await s.call('GET', `/v1/jobs/${id('bravo')}/dag`)).json;
      expect(dag.nodes.map((n: Json) => n.atom_id as string)).toEqual([atom.id]);
      expect((await s.call('GET', `/v1/atoms/${atom.id as string}`)).json).toEqual(atom);
      const charlie = (await s.call('GET', `/v1/jobs/${id('charlie')}/tasks`)).json as Json[];
      const local = (await s.call('GET', `/v1/atoms/${charlie[1]?.atom_id as string}`)).json;
      expect(local).toMatchObject({ engine: 'local', image: '', command: '["true"]', spec: {} });
    });

    it('pages, filters and orders', async () => {
      const all = (await s.call('GET', '/v1/atoms')).json as Json[];
      expect(all).toHaveLength(5);
      expect((await s.call('GET', '/v1/atoms?engine=local')).json).toHaveLength(4);
      const page = (await s.call('GET', '/v1/atoms?limit=2&offset=1')).json as Json[];
      expect(page.map((a) => a.id as string)).toEqual(all.slice(1, 3).map((a) => a.id as string));
      const byEngine = (await s.call('GET', '/v1/atoms?order_by=engine%20asc')).json as Json[];
      expect(byEngine[0]?.engine).toBe('docker');
      const byIdDesc = (await s.call('GET', '/v1/atoms?order_by=id%20desc')).json.map((a: Json) => a.id as string);
      expect(byIdDesc).toEqual([...byIdDesc].sort().reverse());
    });

    it('answers 400 for a bad engine, order_by or id and 404 for an unknown atom', async () => {
      for (const query of ['engine=lambda', 'order_by=name', 'order_by=image%20desc%20nulls', 'limit=5000']) {
        expect((await s.call('GET', `/v1/atoms?${query}`)).status, query).toBe(400);
      }
      expect((await s.call('GET', '/v1/atoms/xyz')).status).toBe(400);
      expect((await s.call('GET', '/v1/atoms/00000000-0000-4000-8000-000000000000')).json).toEqual({
        message: 'atom 00000000-0000-4000-8000-000000000000 not found',
      });
    });
  });

  describe('GET /v1/jobs/:id/cache', () => {
    it('lists the entries a cached job stored, once per step however often it ran', async () => {
      expect((await s.call('GET', `/v1/jobs/${id('charlie')}/cache`)).json).toEqual({ entries: [] });
      const first = await run('charlie');
      expect(first.status).toBe('succeeded');
      const second = await run('charlie');
      expect(second.tasks.map((t) => t.status)).toEqual(['cached', 'cached']);
      const res = await s.call('GET', `/v1/jobs/${id('charlie')}/cache`);
      expect(res.status).toBe(200);
      const entries = res.json.entries as Json[];
      expect(entries.map((e) => e.task_name as string).sort()).toEqual(['fetch', 'use']);
      for (const e of entries) {
        const task = first.tasks.find((t) => t.name === e.task_name) as Json;
        expect(e).toEqual({
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          task_name: e.task_name,
          result: 'success',
          run_id: first.id,
          task_run_id: task.task_run_id,
          created_at: e.created_at,
          expires_at: e.expires_at,
        });
        expect(Date.parse(e.expires_at as string) - Date.parse(e.created_at as string)).toBe(86_400_000); // CAESIUM_CACHE_TTL's default
        expect(e.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      expect((await s.call('GET', `/v1/jobs/${id('alpha')}/cache`)).json).toEqual({ entries: [] });
    });

    it('answers 400 for a bad id and 404 for an unknown job', async () => {
      expect((await s.call('GET', '/v1/jobs/abc/cache')).status).toBe(400);
      expect((await s.call('GET', '/v1/jobs/00000000-0000-4000-8000-000000000000/cache')).status).toBe(404);
    });
  });

  describe('GET /v1/nodes/:address/workers', () => {
    it("reports this server's claims under its host:port, running ones as active claims", async () => {
      const address = new URL(s.url).host;
      const before = (await s.call('GET', `/v1/nodes/${address}/workers`)).json;
      const started = await s.call('POST', `/v1/jobs/${id('delta')}/run`);
      const during = await waitFor(async () => {
        const body = (await s.call('GET', `/v1/nodes/${address}/workers`)).json as { running_claims: number; active_claims: unknown[] };
        return body.running_claims === 1 ? body : undefined;
      });
      expect(during.active_claims).toEqual([
        { job_run_id: started.json.id, task_id: expect.any(String), status: 'running', claim_attempt: 1, updated_at: expect.any(String) },
      ]);
      const done = await run('alpha');
      await waitFor(async () =>
        (await s.call('GET', `/v1/jobs/${id('delta')}/runs/${started.json.id as string}`)).json.status === 'running' ? undefined : true,
      );
      const after = (await s.call('GET', `/v1/nodes/${address}/workers`)).json;
      expect(after).toEqual(
        idleWorkersJson(address, {
          total: before.total_claimed_tasks + 2,
          byStatus: { ...before.claimed_by_status, succeeded: (before.claimed_by_status.succeeded ?? 0) + 2 },
          attempts: before.total_claim_attempts + 2,
        }),
      );
      expect(after.last_activity_at >= (done.completed_at as string)).toBe(true);
    });

    it('answers zero counts for an address that claimed nothing', async () => {
      const res = await s.call('GET', '/v1/nodes/10.9.9.9:9001/workers');
      expect(res.status).toBe(200);
      expect(res.json).toEqual(idleWorkersJson('10.9.9.9:9001', { total: 0, byStatus: {}, attempts: 0 }));
    });
  });

  it('GET /auth/status says auth is off', async () => {
    const res = await s.call('GET', '/auth/status');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ enabled: false, methods: [] });
  });
});
