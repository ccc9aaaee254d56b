/**
 * Cron on many servers: three schedulers, each with its own connection pool to
 * one PostgreSQL schema, tick at the same moments; every slot starts exactly
 * one run between them (the cursor moves by compare-and-set in the database).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CronTriggerRow, Store } from '../../src/store/ports/store.js';
import { normalizeJob } from '../../src/jobdef/normalize.js';
import type { JobSpec } from '../../src/jobdef/types.js';
import { CronScheduler } from '../../src/server/cron/cron-scheduler.js';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import { FakeClock } from '../server/support/fake-clock.js';
import { dropSchema, freshSchema, requirePostgres, TEST_PG_DSN } from '../support/postgres.js';

const postgres = await requirePostgres();

describe.skipIf(postgres.skip)('cron with three nodes on one PostgreSQL', () => {
  let schema: string;
  let stores: Store[];
  beforeEach(async () => {
    schema = freshSchema();
    stores = [];
    for (let i = 0; i < 3; i++) stores.push(await createPostgresStore({ dsn: TEST_PG_DSN, schema, maxConnections: 3 }));
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await dropSchema(schema);
  });

  it('fires each slot once across the nodes', async () => {
    const spec = {
      apiVersion: 'v1',
      kind: 'Job',
      metadata: { alias: 'every-minute' },
      trigger: { type: 'cron', configuration: { expression: '* * * * *' } },
      steps: [{ name: 'only', engine: 'local', command: ['true'] }],
    } as unknown as JobSpec;
    const at = '2024-01-01T09:00:00Z';
    await stores[0]!.transaction(async (tx) => {
      await tx.jobs.apply(normalizeJob(spec), { appliedAt: at });
      await tx.catalog.register({ alias: 'every-minute', provenance: null, now: at });
    });
    const clock = new FakeClock(at);
    const fires: { node: number; slot: string }[] = [];
    const schedulers = stores.map(
      (store, node) =>
        new CronScheduler({
          store,
          clock,
          log: () => undefined,
          fire: (_row: CronTriggerRow, params) => {
            fires.push({ node, slot: params.logical_date! });
            return Promise.resolve();
          },
        }),
    );
    await Promise.all(schedulers.map((s) => s.tick()));
    for (let minute = 1; minute <= 10; minute++) {
      clock.set(`2024-01-01T09:${String(minute).padStart(2, '0')}:00.500Z`);
      await Promise.all(schedulers.map((s) => s.tick()));
    }
    const slots = fires.map((f) => f.slot).sort();
    expect(slots).toEqual([...new Set(slots)]);
    expect(slots).toHaveLength(10);
    expect(slots[0]).toBe('2024-01-01T09:01:00Z');
  });
});
