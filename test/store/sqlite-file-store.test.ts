import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports/store.js';
import { storeMigrations } from '../../src/store/migrations/index.js';
import { openSqliteFile } from '../../src/store/sqlite/open-database.js';
import { SerialSqliteDialect } from '../../src/store/sqlite/serial-dialect.js';
import { TransactionGuard } from '../../src/store/sqlite/transaction-guard.js';
import { createSqliteFileStore, NestedStoreUseError } from '../../src/store/sqlite-file-store.js';
import { makeJob } from '../engine/support/job.js';
import { runStoreContract } from './run-store-contract.js';
import { storeFamiliesContract } from './store-families-contract.js';
import { expectReleased, tempDb, type TempDb } from './sqlite-support.js';

const T0 = '2026-01-01T00:00:00.000Z';

/** Temp databases of the current test, released and removed after it. */
let temps: TempDb[] = [];
function fresh(): TempDb {
  const temp = tempDb();
  temps.push(temp);
  return temp;
}
afterEach(() => {
  const done = temps;
  temps = [];
  for (const temp of done) expectReleased(temp);
});

runStoreContract('sqlite file', () => createSqliteFileStore({ path: fresh().path }));
storeFamiliesContract('sqlite file', () => createSqliteFileStore({ path: fresh().path }));

/** Reads the file with a connection of its own (read-write, so closing it removes the WAL again). */
function peek<T>(path: string, sql: string): T[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('sqlite file store', () => {
  it('creates the directory and opens in WAL mode with the crash-safe settings', async () => {
    const { path } = fresh();
    const handle = await openSqliteFile({ path });
    expect(existsSync(dirname(path))).toBe(true);
    expect(handle.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(handle.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.pragma('busy_timeout', { simple: true })).toBe(5000);
    handle.close();
    const relaxed = await openSqliteFile({ path, synchronous: 'normal', busyTimeoutMs: 100 });
    expect([relaxed.pragma('synchronous', { simple: true }), relaxed.pragma('busy_timeout', { simple: true })]).toEqual([1, 100]);
    relaxed.close();
  });

  it('refuses a file that is not a database with a typed error', async () => {
    const { path } = fresh();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'x'.repeat(4096));
    await expect(createSqliteFileStore({ path })).rejects.toMatchObject({
      code: 'E_STORE_OPEN',
      exitCode: 2,
      message: expect.stringContaining(path),
    });
  });

  it('applies migrations in one transaction: a failing one leaves nothing behind', async () => {
    const { path } = fresh();
    const db = new Kysely<unknown>({
      dialect: new SerialSqliteDialect({ database: await openSqliteFile({ path }) }, new TransactionGuard()),
    });
    const migrations: Record<string, Migration> = {
      '1-good': { up: (k) => k.schema.createTable('one').addColumn('id', 'text').execute() },
      '2-bad': {
        up: async (k) => {
          await k.schema.createTable('two').addColumn('id', 'text').execute();
          throw new Error('half-way');
        },
      },
    };
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    expect((await migrator.migrateToLatest()).error).toMatchObject({ message: 'half-way' });
    await db.destroy();
    const tables = peek<{ name: string }>(path, "select name from sqlite_master where type = 'table' and name in ('one', 'two')");
    expect(tables).toEqual([]);
    expect(peek(path, 'select name from kysely_migration')).toEqual([]);
  });

  it('opens a file once per process', async () => {
    const { path } = fresh();
    const store = await createSqliteFileStore({ path });
    await expect(createSqliteFileStore({ path: `${dirname(path)}/../nested/caesium.db` })).rejects.toMatchObject({
      code: 'E_STORE_OPEN',
      message: expect.stringContaining('already open'),
    });
    await store.close();
    const again = await createSqliteFileStore({ path });
    await again.close();
  });

  it('enforces foreign keys', async () => {
    const store = await createSqliteFileStore({ path: fresh().path });
    await expect(store.runs.create({ jobId: 'no-such-job', params: {}, startedAt: T0 })).rejects.toThrow(/FOREIGN KEY/);
    await store.close();
  });

  it('keeps the data across reopening and applies each migration once', async () => {
    const { path } = fresh();
    const first = await createSqliteFileStore({ path });
    const applied = await first.jobs.apply(makeJob([{ name: 'a' }]), { appliedAt: T0 });
    await first.close();
    const migrations = peek<{ name: string; timestamp: string }>(path, 'select name, timestamp from kysely_migration');
    expect(migrations.map((m) => m.name)).toEqual(Object.keys(storeMigrations('sqlite')).sort());

    const second = await createSqliteFileStore({ path });
    expect((await second.jobs.current('test-job'))?.id).toBe(applied.job.id);
    expect((await second.jobs.apply(makeJob([{ name: 'a' }]), { appliedAt: T0 })).changed).toBe(false);
    await second.close();
    expect(peek(path, 'select name, timestamp from kysely_migration')).toEqual(migrations);
  });

  it('upgrades a file made before 0006-run-origin: its runs read as manual, new runs record their origin', async () => {
    const { path } = fresh();
    const db = new Kysely<unknown>({
      dialect: new SerialSqliteDialect({ database: await openSqliteFile({ path }) }, new TransactionGuard()),
    });
    const before = Object.fromEntries(Object.entries(storeMigrations('sqlite')).filter(([name]) => name < '0006'));
    expect(Object.keys(before)).toHaveLength(5);
    expect(
      (await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) } }).migrateToLatest()).error,
    ).toBeUndefined();
    await db.destroy();
    const old = await openSqliteFile({ path });
    old
      .prepare(
        "insert into jobs (id, alias, version, content_hash, definition, is_current, created_at) values ('v1', 'old', 1, 'h', '{}', 1, ?)",
      )
      .run(T0);
    old.prepare("insert into runs (id, job_id, status, params, started_at) values ('old-run', 'v1', 'succeeded', '{}', ?)").run(T0);
    old.close();

    const store = await createSqliteFileStore({ path });
    expect(await store.runs.get('old-run')).toMatchObject({ id: 'old-run', triggerId: null, backfillId: null });
    const created = await store.runs.create({ jobId: 'v1', params: {}, startedAt: T0, backfillId: 'bf' });
    expect(await store.runs.get(created.id)).toMatchObject({ triggerId: null, backfillId: 'bf' });
    await store.close();
  });

  it('queues concurrent transactions in call order without interleaving them', async () => {
    const store = await createSqliteFileStore({ path: fresh().path });
    const { job } = await store.jobs.apply(makeJob([{ name: 'a' }]), { appliedAt: T0 });
    const trace: string[] = [];
    const body = (i: number) => async (tx: Parameters<Parameters<Store['transaction']>[0]>[0]) => {
      trace.push(`begin ${i}`);
      await tx.runs.create({ id: `run-${i}`, jobId: job.id, params: {}, startedAt: T0 });
      await new Promise((resolve) => setTimeout(resolve, 1)); // yield to the event loop mid-transaction
      trace.push(`end ${i}`);
      if (i % 3 === 0) throw new Error(`rollback ${i}`);
    };
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => store.transaction(body(i))));
    expect(trace).toEqual(Array.from({ length: 9 }, (_, i) => [`begin ${i}`, `end ${i}`]).flat());
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((await store.runs.listByJob(job.id)).map((r) => r.id).sort()).toEqual(['run-1', 'run-2', 'run-4', 'run-5', 'run-7', 'run-8']);
    await store.close();
  });

  it('lets queued transactions share commits, each resolving only once another connection sees it', async () => {
    const temp = fresh();
    const store = await createSqliteFileStore({ path: temp.path });
    const { job } = await store.jobs.apply(makeJob([{ name: 'a' }]), { appliedAt: T0 });
    const count = (where: string): number => peek<{ n: number }>(temp.path, `select count(*) as n from runs where ${where}`)[0]?.n ?? -1;
    const visibleOnResolve: number[] = [];
    // More than one group's worth (MAX_GROUP_MEMBERS), one failing member, and single reads in between.
    const work = Array.from({ length: 70 }, (_, i) =>
      i === 33
        ? store.transaction(async (tx) => {
            await tx.runs.create({ id: `run-${i}`, jobId: job.id, params: {}, startedAt: T0 });
            throw new Error('rollback 33');
          })
        : i % 20 === 10
          ? store.runs.get('run-0').then((run) => visibleOnResolve.push(run === undefined ? 0 : count(`id = 'run-0'`)))
          : store
              .transaction((tx) => tx.runs.create({ id: `run-${i}`, jobId: job.id, params: {}, startedAt: T0 }))
              .then(() => visibleOnResolve.push(count(`id = 'run-${i}'`))),
    );
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === 'rejected').length).toBe(1);
    expect(visibleOnResolve.length).toBe(69);
    expect(visibleOnResolve.every((n) => n === 1)).toBe(true);
    expect(count(`id = 'run-33'`)).toBe(0);
    expect(count('1 = 1')).toBe(66);
    await store.close();
  });

  it('rejects use of the store inside its own transaction instead of deadlocking', async () => {
    const store = await createSqliteFileStore({ path: fresh().path });
    const { job } = await store.jobs.apply(makeJob([{ name: 'a' }]), { appliedAt: T0 });
    const direct = store.transaction(async (tx) => {
      await tx.runs.create({ id: 'r1', jobId: job.id, params: {}, startedAt: T0 });
      return store.runs.get('r1');
    });
    await expect(direct).rejects.toBeInstanceOf(NestedStoreUseError);
    await expect(store.transaction(() => store.transaction(() => Promise.resolve(1)))).rejects.toBeInstanceOf(NestedStoreUseError);
    expect(await store.runs.get('r1')).toBeUndefined(); // rolled back, and the connection was released
    // A promise left running past its transaction's end is an ordinary caller again.
    let late: Promise<unknown> | undefined;
    await store.transaction(() => {
      late = new Promise((resolve) => setTimeout(resolve, 5)).then(() => store.jobs.get(job.id));
      return Promise.resolve();
    });
    expect(await late).toMatchObject({ id: job.id });
    await store.close();
  });

  it('closes once, after the work queued before it, and refuses work after it', async () => {
    const { path } = fresh();
    const store = await createSqliteFileStore({ path });
    const { job } = await store.jobs.apply(makeJob([{ name: 'a' }]), { appliedAt: T0 });
    const pending = store.transaction(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return tx.runs.create({ id: 'late', jobId: job.id, params: {}, startedAt: T0 });
    });
    const closing = [store.close(), store.close()];
    await expect(pending).resolves.toMatchObject({ id: 'late' });
    await Promise.all(closing);
    await expect(store.runs.get('late')).rejects.toThrow(/destroyed|closed/);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(peek<{ id: string }>(path, 'select id from runs').map((r) => r.id)).toEqual(['late']);
  });
});
