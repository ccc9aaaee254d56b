/**
 * Task dispatch queries on a real PostgreSQL: a selector matches a node whose labels hold every
 * entry; two nodes claiming at once never get the same dispatch; a node whose lease ran out
 * cannot write the exit any more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports/store.js';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import { dropSchema, freshSchema, pgQuery, requirePostgres, TEST_PG_DSN } from '../support/postgres.js';

const postgres = await requirePostgres();

describe.skipIf(postgres.skip)('task dispatches on PostgreSQL', () => {
  let store: Store;
  let schema: string;
  beforeAll(async () => {
    schema = freshSchema('d');
    store = await createPostgresStore({ dsn: TEST_PG_DSN, schema, maxConnections: 4 });
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  /** The dispatch queries alone: runs are not needed here, so their foreign key goes. */
  async function aRun(_id: string): Promise<void> {
    await pgQuery(`alter table "${schema}".task_dispatches drop constraint if exists task_dispatches_run_id_fkey`);
  }

  it('claims only matching dispatches, each by one node of two claiming at once', async () => {
    const d = store.dispatches!;
    await aRun('run-1');
    for (let i = 0; i < 20; i++)
      await d.insert({
        id: `d${i}`,
        taskRunId: `tr${i}`,
        runId: 'run-1',
        attempt: 1,
        selector: { zone: i < 10 ? 'b' : 'gpu' },
        launch: { i },
      });
    const [a, b, c] = await Promise.all([
      d.claim('node-b1', { zone: 'b', os: 'linux' }, 10, 5_000),
      d.claim('node-b2', { zone: 'b' }, 10, 5_000),
      d.claim('node-a', { zone: 'a' }, 10, 5_000),
    ]);
    const ids = [...a, ...b].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `d${i}`).sort());
    expect(c).toEqual([]);
    expect((await d.state('d10'))?.status).toBe('pending');
  });

  it('refuses the exit of a node whose lease expired', async () => {
    const d = store.dispatches!;
    await aRun('run-2');
    await d.insert({ id: 'late', taskRunId: 'trl', runId: 'run-2', attempt: 1, selector: { zone: 'c' }, launch: {} });
    expect((await d.claim('node-c', { zone: 'c' }, 1, 2_000)).map((x) => x.id)).toEqual(['late']);
    expect(await d.appendLogs('late', 'node-c', 1, [{ seq: 1, stream: 'stdout', text: 'hi' }])).toBe(true);
    expect(await d.finish('late', 'other', 1, { exit: { result: 'success', exitCode: 0 } })).toBe(false);
    await pgQuery(`update "${schema}".task_dispatches set lease_expires_at_ms = 0 where id = 'late'`);
    expect((await d.state('late'))?.leaseExpired).toBe(true);
    expect((await d.renew('node-c', ['late'], 2_000)).held).toEqual([]);
    expect(await d.failExpired('late', 'node node-c stopped renewing')).toBe(true);
    expect(await d.finish('late', 'node-c', 1, { exit: { result: 'success', exitCode: 0 } })).toBe(false);
    expect((await d.state('late'))?.status).toBe('failed');
    expect(await d.logsAfter('late', 0, 10)).toEqual([{ seq: 1, stream: 'stdout', text: 'hi' }]);
    await d.remove('late');
    expect(await d.state('late')).toBeUndefined();
  });
});
