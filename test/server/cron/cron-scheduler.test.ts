import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CronTriggerRow, Store } from '../../../src/store/ports/store.js';
import { normalizeJob } from '../../../src/jobdef/normalize.js';
import type { JobSpec } from '../../../src/jobdef/types.js';
import { CronScheduler } from '../../../src/server/cron/cron-scheduler.js';
import { createSqliteFileStore } from '../../../src/store/sqlite-file-store.js';
import { FakeClock } from '../support/fake-clock.js';

const dir = mkdtempSync(join(tmpdir(), 'caesium-cron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Fire {
  alias: string;
  params: Record<string, string>;
}

/** Applies (or re-applies) a job with a cron trigger, as `POST /v1/jobdefs/apply` does, at `at`. */
async function apply(store: Store, alias: string, configuration: Record<string, unknown>, at: string, image = 'one'): Promise<string> {
  const spec = {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'cron', configuration },
    steps: [{ name: 'only', engine: 'local', image, command: ['true'] }],
  } as unknown as JobSpec;
  return store.transaction(async (tx) => {
    await tx.jobs.apply(normalizeJob(spec), { appliedAt: at });
    return (await tx.catalog.register({ alias, provenance: null, now: at })).id;
  });
}

describe('CronScheduler (fake clock, SQLite file store)', () => {
  let path: string;
  let store: Store;
  let clock: FakeClock;
  let fires: Fire[];
  let logs: string[];
  const scheduler = (reloadMs?: number): CronScheduler =>
    new CronScheduler({
      store,
      clock,
      log: (l) => logs.push(l),
      fire: (row: CronTriggerRow, params) => {
        fires.push({ alias: row.alias, params });
        return Promise.resolve();
      },
      ...(reloadMs === undefined ? {} : { reloadMs }),
    });
  /** Ticks at each time; returns the logical dates fired. */
  const tickAt = async (s: CronScheduler, ...times: string[]): Promise<string[]> => {
    const before = fires.length;
    for (const t of times) {
      clock.set(t);
      await s.tick();
    }
    return fires.slice(before).map((f) => f.params.logical_date!);
  };

  beforeEach(async () => {
    path = join(dir, `${Math.random()}.db`);
    store = await createSqliteFileStore({ path });
    clock = new FakeClock('2024-01-01T09:00:00Z');
    fires = [];
    logs = [];
  });
  afterEach(async () => {
    await store.close();
  });

  it('fires every slot once, in order, with logical_date, and says when the next one is due', async () => {
    await apply(store, 'hourly', { expression: '@hourly' }, '2024-01-01T09:30:00Z');
    const s = scheduler();
    clock.set('2024-01-01T09:00:00Z');
    await s.tick();
    expect(await tickAt(s, '2024-01-01T09:59:59Z')).toEqual([]);
    expect(new Date(await s.tick()).toISOString()).toBe('2024-01-01T10:00:00.000Z');
    expect(await tickAt(s, '2024-01-01T10:00:00Z', '2024-01-01T10:00:05Z', '2024-01-01T10:59:00Z', '2024-01-01T11:00:00.200Z')).toEqual([
      '2024-01-01T10:00:00Z',
      '2024-01-01T11:00:00Z',
    ]);
    expect(fires[0]).toEqual({ alias: 'hourly', params: { logical_date: '2024-01-01T10:00:00Z' } });
  });

  it('fires at the wall time of the trigger zone; no zone means UTC', async () => {
    clock.set('2024-06-01T00:00:00Z');
    await apply(store, 'ny', { expression: '0 9 * * *', timezone: 'America/New_York' }, '2024-06-01T00:00:00Z');
    await apply(store, 'utc', { expression: '0 9 * * *' }, '2024-06-01T00:00:00Z');
    const s = scheduler();
    await tickAt(s, '2024-06-01T00:00:00Z', '2024-06-01T09:00:00Z', '2024-06-01T13:00:00Z');
    expect(fires).toEqual([
      { alias: 'utc', params: { logical_date: '2024-06-01T09:00:00Z' } },
      { alias: 'ny', params: { logical_date: '2024-06-01T13:00:00Z' } },
    ]);
  });

  /** Ticks every `stepMin` minutes from `from` to `to`. */
  const sweep = async (s: CronScheduler, from: string, to: string, stepMin: number): Promise<string[]> => {
    const times: string[] = [];
    for (let t = Date.parse(from); t <= Date.parse(to); t += stepMin * 60_000) times.push(new Date(t).toISOString());
    return tickAt(s, ...times);
  };

  it('DST spring-forward in America/New_York: 02:30 fires once on the short day, at 03:30 EDT', async () => {
    clock.set('2024-03-08T12:00:00Z');
    await apply(store, 'gap', { expression: '30 2 * * *', timezone: 'America/New_York' }, '2024-03-08T12:00:00Z');
    expect(await sweep(scheduler(), '2024-03-08T12:00:00Z', '2024-03-11T12:00:00Z', 10)).toEqual([
      '2024-03-09T07:30:00Z',
      '2024-03-10T07:30:00Z',
      '2024-03-11T06:30:00Z',
    ]);
  });

  it('DST fall-back in America/New_York: 01:30 daily fires once; hourly fires both 01:00s', async () => {
    clock.set('2024-11-02T12:00:00Z');
    await apply(store, 'daily', { expression: '30 1 * * *', timezone: 'America/New_York' }, '2024-11-02T12:00:00Z');
    await apply(store, 'hourly', { expression: '0 * * * *', timezone: 'America/New_York' }, '2024-11-02T12:00:00Z');
    const s = scheduler();
    await sweep(s, '2024-11-03T04:30:00Z', '2024-11-03T08:30:00Z', 5);
    const of = (alias: string): string[] => fires.filter((f) => f.alias === alias).map((f) => f.params.logical_date!);
    expect(of('daily')).toEqual(['2024-11-03T05:30:00Z']);
    expect(of('hourly')).toEqual(['2024-11-03T05:00:00Z', '2024-11-03T06:00:00Z', '2024-11-03T07:00:00Z', '2024-11-03T08:00:00Z']);
  });

  it('DST in Europe/Berlin: 02:30 fires once on both change days', async () => {
    clock.set('2024-03-30T12:00:00Z');
    await apply(store, 'berlin', { expression: '30 2 * * *', timezone: 'Europe/Berlin' }, '2024-03-30T12:00:00Z');
    const s = scheduler();
    expect(await sweep(s, '2024-03-30T12:00:00Z', '2024-04-01T12:00:00Z', 15)).toEqual(['2024-03-31T01:30:00Z', '2024-04-01T00:30:00Z']);
    // (The first tick in October fires the latest slot missed since April, once.)
    expect(await sweep(s, '2024-10-26T12:00:00Z', '2024-10-28T12:00:00Z', 15)).toEqual([
      '2024-10-26T00:30:00Z',
      '2024-10-27T00:30:00Z',
      '2024-10-28T01:30:00Z',
    ]);
  });

  it('never fires a slot twice across a restart on the same database file', async () => {
    await apply(store, 'hourly', { expression: '@hourly' }, '2024-01-01T09:00:00Z');
    expect(await tickAt(scheduler(), '2024-01-01T09:30:00Z', '2024-01-01T10:00:00Z')).toEqual(['2024-01-01T10:00:00Z']);
    await store.close();
    store = await createSqliteFileStore({ path });
    const restarted = scheduler();
    expect(await tickAt(restarted, '2024-01-01T10:00:30Z', '2024-01-01T10:30:00Z')).toEqual([]);
    expect(await tickAt(restarted, '2024-01-01T11:00:00Z')).toEqual(['2024-01-01T11:00:00Z']);
  });

  it('two schedulers on one database fire a slot once', async () => {
    await apply(store, 'hourly', { expression: '@hourly' }, '2024-01-01T09:00:00Z');
    const a = scheduler();
    const b = scheduler();
    clock.set('2024-01-01T09:30:00Z');
    await Promise.all([a.tick(), b.tick()]);
    clock.set('2024-01-01T10:00:00Z');
    await Promise.all([a.tick(), b.tick()]);
    expect(fires.map((f) => f.params.logical_date)).toEqual(['2024-01-01T10:00:00Z']);
  });

  it('after downtime fires only the latest missed slot; catchup: true replays the missed ones', async () => {
    await apply(store, 'plain', { expression: '@hourly' }, '2024-01-01T09:00:00Z');
    await apply(store, 'catchup', { expression: '@hourly', catchup: true }, '2024-01-01T09:00:00Z');
    expect(await tickAt(scheduler(), '2024-01-01T09:30:00Z', '2024-01-01T10:00:00Z')).toHaveLength(2);
    fires = [];
    // The server is down from 10:10 to 13:30.
    await tickAt(scheduler(), '2024-01-01T13:30:00Z');
    expect(fires.filter((f) => f.alias === 'plain')).toEqual([{ alias: 'plain', params: { logical_date: '2024-01-01T13:00:00Z' } }]);
    expect(fires.filter((f) => f.alias === 'catchup').map((f) => f.params)).toEqual([
      { logical_date: '2024-01-01T11:00:00Z', is_catchup: 'true' },
      { logical_date: '2024-01-01T12:00:00Z', is_catchup: 'true' },
      { logical_date: '2024-01-01T13:00:00Z' },
    ]);
    expect(logs).toEqual(['caesium server: cron trigger of job plain skipped 2 missed slot(s) before 2024-01-01T13:00:00Z']);
  });

  it('picks up a newly applied job and a re-applied schedule without a restart', async () => {
    const s = scheduler();
    expect(await tickAt(s, '2024-01-01T09:00:00Z')).toEqual([]);
    await apply(store, 'late', { expression: '@hourly' }, '2024-01-01T09:10:00Z');
    expect(await tickAt(s, '2024-01-01T09:10:05Z', '2024-01-01T10:00:00Z')).toEqual(['2024-01-01T10:00:00Z']);
    // Re-applied at 10:10 as every 15 minutes: 10:15 is the first slot of the new schedule.
    await apply(store, 'late', { expression: '*/15 * * * *' }, '2024-01-01T10:10:00Z');
    expect(await tickAt(s, '2024-01-01T10:10:30Z', '2024-01-01T10:15:00Z', '2024-01-01T10:30:00Z')).toEqual([
      '2024-01-01T10:15:00Z',
      '2024-01-01T10:30:00Z',
    ]);
    // A re-apply that does not touch the schedule keeps the cursor: nothing fires twice or early.
    await apply(store, 'late', { expression: '*/15 * * * *' }, '2024-01-01T10:31:00Z', 'two');
    expect(await tickAt(s, '2024-01-01T10:31:30Z', '2024-01-01T10:45:00Z')).toEqual(['2024-01-01T10:45:00Z']);
  });

  it('a re-apply between a slot and the tick that would fire it still fires the slot of the new version', async () => {
    const s = scheduler();
    await apply(store, 'job', { expression: '@hourly' }, '2024-01-01T09:00:00Z');
    await tickAt(s, '2024-01-01T09:30:00Z');
    await apply(store, 'job', { expression: '@hourly' }, '2024-01-01T09:59:00Z', 'two');
    expect(await tickAt(s, '2024-01-01T10:00:03Z')).toEqual(['2024-01-01T10:00:00Z']);
  });

  it('does not fire a paused job, and does not fire the slots it missed on unpause', async () => {
    const id = await apply(store, 'hourly', { expression: '@hourly' }, '2024-01-01T09:00:00Z');
    const s = scheduler();
    await tickAt(s, '2024-01-01T09:30:00Z');
    await store.catalog.setPaused(id, true, '2024-01-01T09:45:00Z');
    expect(await tickAt(s, '2024-01-01T10:00:00Z', '2024-01-01T11:00:00Z')).toEqual([]);
    await store.catalog.setPaused(id, false, '2024-01-01T11:30:00Z');
    expect(await tickAt(s, '2024-01-01T11:30:00Z', '2024-01-01T12:00:00Z')).toEqual(['2024-01-01T12:00:00Z']);
  });

  it('a bad trigger logs one line and never stops the others', async () => {
    await apply(store, 'bad', { expression: '61 * * * *' }, '2024-01-01T09:00:00Z');
    await apply(store, 'zone', { expression: '@hourly', timezone: 'Mars/Olympus' }, '2024-01-01T09:00:00Z');
    await apply(store, 'good', { expression: '@hourly' }, '2024-01-01T09:00:00Z');
    const s = scheduler();
    expect(await tickAt(s, '2024-01-01T09:30:00Z', '2024-01-01T10:00:00Z', '2024-01-01T11:00:00Z')).toEqual([
      '2024-01-01T10:00:00Z',
      '2024-01-01T11:00:00Z',
    ]);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^caesium server: cron trigger of job bad is not scheduled: invalid cron expression "61 \* \* \* \*"/);
    expect(logs[1]).toBe('caesium server: cron trigger of job zone is not scheduled: unknown time zone "Mars/Olympus"');
  });

  it('the loop sleeps until the next slot, fires it, and stops', async () => {
    await apply(store, 'hourly', { expression: '@hourly' }, '2024-01-01T09:00:00Z');
    clock.set('2024-01-01T09:59:00Z');
    const s = scheduler(3_600_000);
    const slept = clock.nextSleep();
    s.start();
    expect(await slept).toBe(60_000);
    const again = clock.nextSleep();
    clock.set('2024-01-01T10:00:00Z');
    expect(await again).toBe(3_600_000);
    expect(fires.map((f) => f.params.logical_date)).toEqual(['2024-01-01T10:00:00Z']);
    await s.stop();
  });
});
