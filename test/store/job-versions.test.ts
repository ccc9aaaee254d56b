/**
 * A job version as the store keeps it: the job's stable id (catalog id once
 * registered, else the first version's) and the normalised job written at
 * apply, which runs execute and whose events name the job by the stable id.
 * Also the upgrade of a file written before versions carried either.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import type { Store } from '../../src/store/ports/store.js';
import { resumeRun } from '../../src/engine/resume-run.js';
import { runJob } from '../../src/engine/run-job.js';
import { normalizeJob } from '../../src/jobdef/normalize.js';
import type { JobSpec } from '../../src/jobdef/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { storeMigrations } from '../../src/store/migrations/index.js';
import { openSqliteFile } from '../../src/store/sqlite/open-database.js';
import { SerialSqliteDialect } from '../../src/store/sqlite/serial-dialect.js';
import { TransactionGuard } from '../../src/store/sqlite/transaction-guard.js';
import { createSqliteFileStore } from '../../src/store/sqlite-file-store.js';
import { FakeClock } from '../engine/support/fake-clock.js';
import { FakeRuntime } from '../engine/support/fake-runtime.js';
import { chain, makeJob } from '../engine/support/job.js';

const dir = mkdtempSync(join(tmpdir(), 'caesium-versions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = '2026-01-01T00:00:00.000Z';

const adapters: [string, () => Promise<Store>][] = [
  ['memory', createMemoryStore],
  ['sqlite file', () => createSqliteFileStore({ path: join(dir, `${Math.random()}.db`) })],
];

/** Runs an applied version on a fake runtime; resolves with its events. */
async function runVersion(store: Store, versionId: string, job = makeJob(chain('a', 'b'))): Promise<EngineEvent[]> {
  const clock = new FakeClock();
  const runtime = new FakeRuntime(clock);
  const events: EngineEvent[] = [];
  await runJob(
    job,
    { store, clock, runtimes: () => Promise.resolve(runtime), events: (e) => events.push(e) },
    { maxParallel: 2, signal: new AbortController().signal, jobId: versionId },
  );
  return events;
}

describe.each(adapters)('job versions: %s', (_name, make) => {
  it('carry the first version id as the stable id until the catalog registers the alias, then the catalog id', async () => {
    const store = await make();
    try {
      const v1 = await store.jobs.apply(makeJob(chain('a')), { appliedAt: T0 });
      const v2 = await store.jobs.apply(makeJob(chain('a', 'b')), { appliedAt: T0 });
      expect([v1.job.stableId, v2.job.stableId]).toEqual([v1.job.id, v1.job.id]);
      const entry = await store.catalog.register({ alias: 'test-job', provenance: null, now: T0 });
      expect(entry.id).not.toBe(v1.job.id);
      expect((await store.jobs.get(v1.job.id))?.stableId).toBe(entry.id);
      expect((await store.jobs.current('test-job'))?.stableId).toBe(entry.id);
      const v3 = await store.jobs.apply(makeJob(chain('a', 'c')), { appliedAt: T0 });
      expect(v3.job.stableId).toBe(entry.id);
    } finally {
      await store.close();
    }
  });

  it('keep the normalised job written at apply; its spec is the stored definition', async () => {
    const store = await make();
    try {
      const spec = {
        apiVersion: 'v1',
        kind: 'Job',
        metadata: { alias: 'norm', taskTimeout: '1m30s', labels: { team: 'd' } },
        trigger: { type: 'cron', configuration: { expression: '0 0 * * *' }, defaultParams: { region: 'eu' } },
        steps: [
          { name: 'a', image: 'alpine' },
          { name: 'b', image: 'alpine', dependsOn: 'a', retryDelay: '2s' },
        ],
      } as unknown as JobSpec;
      const job = normalizeJob(spec, { file: 'norm.yaml', document: 0, line: 1 });
      const applied = await store.jobs.apply(job, { appliedAt: T0 });
      const read = (await store.jobs.get(applied.job.id))!;
      expect(read.job).toEqual(JSON.parse(JSON.stringify({ ...job, source: undefined })));
      expect(read.job.source).toBeUndefined();
      expect(read.job.spec).toBe(read.definition);
      expect(read.job).toMatchObject({ taskTimeoutMs: 90_000, trigger: { defaultParams: { region: 'eu' } } });
      expect(read.job.steps[1]).toMatchObject({ engine: 'docker', retryDelayMs: 2000, dependsOn: ['a'] });
    } finally {
      await store.close();
    }
  });

  it('name the stable id in every event of a run and of its resume, envelope and run payloads alike', async () => {
    const store = await make();
    try {
      await store.jobs.apply(makeJob(chain('a')), { appliedAt: T0 });
      const v2 = await store.jobs.apply(makeJob(chain('a', 'b')), { appliedAt: T0 });
      const { id: stableId } = await store.catalog.register({ alias: 'test-job', provenance: null, now: T0 });
      const events = await runVersion(store, v2.job.id);
      expect(events.length).toBeGreaterThan(5);
      expect(new Set(events.map((e) => e.jobId))).toEqual(new Set([stableId]));
      const runPayloads = events.flatMap((e) =>
        e.type.startsWith('run_') && e.type !== 'task_log' ? [e.payload as { job_id: string }] : [],
      );
      expect(runPayloads.length).toBe(3);
      expect(runPayloads.map((p) => p.job_id)).toEqual([stableId, stableId, stableId]);
      expect(new Set((await store.events.list({ jobId: stableId })).map((e) => e.runId))).toEqual(new Set([events[0]!.runId]));
      const run = await store.runs.get(events[0]!.runId);
      expect(run?.jobId).toBe(v2.job.id);

      // A run left `running` (its process died before claiming anything) resumes under the same stable id.
      const created = await store.runs.create({ jobId: v2.job.id, params: {}, startedAt: T0 });
      const tasks = await store.jobs.tasks(v2.job.id);
      await store.taskRuns.createMany(
        created.id,
        tasks.map((t, i) => ({ taskId: t.id, name: t.name, position: t.position, maxAttempts: 1, outstandingPredecessors: i })),
      );
      const clock = new FakeClock();
      const runtime = new FakeRuntime(clock);
      const resumed: EngineEvent[] = [];
      await resumeRun(
        v2.job.job,
        { store, clock, runtimes: () => Promise.resolve(runtime), events: (e) => resumed.push(e) },
        { maxParallel: 1, signal: new AbortController().signal, runId: created.id },
      );
      expect(resumed.length).toBeGreaterThan(2);
      expect(resumed.every((e) => e.jobId === stableId)).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('a file written before job versions carried their stable id and normalised job', () => {
  it('is upgraded: catalog ids become stable ids, definitions are normalised once, persisted events name the stable id', async () => {
    const path = join(dir, 'old.db');
    const db = new Kysely<unknown>({
      dialect: new SerialSqliteDialect({ database: await openSqliteFile({ path }) }, new TransactionGuard()),
    });
    const before = Object.fromEntries(Object.entries(storeMigrations('sqlite')).filter(([name]) => name < '0008'));
    expect(
      (await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) } }).migrateToLatest()).error,
    ).toBeUndefined();
    await db.destroy();
    const spec = {
      apiVersion: 'v1',
      kind: 'Job',
      metadata: { alias: 'old' },
      trigger: { type: 'cron', configuration: {} },
      steps: [{ name: 'a', image: 'alpine' }],
    };
    const old = await openSqliteFile({ path });
    const insertJob = old.prepare(
      'insert into jobs (id, alias, version, content_hash, definition, is_current, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    insertJob.run('v1', 'old', 1, 'h1', JSON.stringify(spec), 0, T0);
    insertJob.run('v2', 'old', 2, 'h2', JSON.stringify(spec), 1, T0);
    insertJob.run('w1', 'local', 1, 'h3', JSON.stringify({ ...spec, metadata: { alias: 'local' } }), 1, T0);
    insertJob.run('x1', 'damaged', 1, 'h4', '{}', 1, T0);
    old.prepare("insert into job_catalog (alias, id, paused, created_at, updated_at) values ('old', 'catalog-old', 0, ?, ?)").run(T0, T0);
    const insertEvent = old.prepare(
      'insert into execution_events (type, job_id, run_id, task_id, payload, created_at) values (?, ?, ?, ?, ?, ?)',
    );
    insertEvent.run('run_started', 'v1', 'r1', null, JSON.stringify({ id: 'r1', job_id: 'v1', job_alias: 'old', status: 'running' }), T0);
    insertEvent.run('task_ready', 'v1', 'r1', 't1', JSON.stringify({ id: 'tr1', name: 'a', attempt: 1 }), T0);
    insertEvent.run(
      'run_completed',
      'w1',
      'r2',
      null,
      JSON.stringify({ id: 'r2', job_id: 'w1', job_alias: 'local', status: 'succeeded' }),
      T0,
    );
    old.close();

    const store = await createSqliteFileStore({ path });
    try {
      expect((await store.jobs.get('v1'))?.stableId).toBe('catalog-old');
      expect((await store.jobs.get('v2'))?.stableId).toBe('catalog-old');
      expect((await store.jobs.get('w1'))?.stableId).toBe('w1');
      expect((await store.jobs.get('v2'))?.job).toMatchObject({ alias: 'old', steps: [{ name: 'a', engine: 'docker', image: 'alpine' }] });
      const damaged = (await store.jobs.get('x1'))!;
      expect(() => damaged.job).toThrow('job version x1 (damaged) has no normalised definition');
      const events = await store.events.list({});
      expect(events.map((e) => [e.type, e.jobId])).toEqual([
        ['run_started', 'catalog-old'],
        ['task_ready', 'catalog-old'],
        ['run_completed', 'w1'],
      ]);
      expect(events[0]!.payload).toEqual({ id: 'r1', job_id: 'catalog-old', job_alias: 'old', status: 'running' });
      expect(events[2]!.payload).toMatchObject({ job_id: 'w1' });
    } finally {
      await store.close();
    }
  });
});
