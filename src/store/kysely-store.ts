/** A `Store` over any Kysely database with our schema: shared by every SQL adapter. */
import type { Store, StoreQueries } from './ports/store.js';
import type { Db } from './db.js';
import { authQueries } from './queries/auth.js';
import { cacheQueries } from './queries/cache.js';
import { backfillQueries } from './queries/backfills.js';
import { catalogQueries } from './queries/catalog.js';
import { callbackQueries } from './queries/callbacks.js';
import { eventQueries } from './queries/events.js';
import { hookQueries } from './queries/hooks.js';
import { insightQueries } from './queries/insights.js';
import { inventoryQueries } from './queries/inventory.js';
import { jobQueries } from './queries/jobs.js';
import { logQueries } from './queries/logs.js';
import { logChunkQueries } from './queries/log-chunks.js';
import { retentionQueries } from './queries/retention.js';
import { runQueries } from './queries/runs.js';
import { taskRunQueries } from './queries/task-runs.js';
import { taskDescriptorQueries } from './queries/task-descriptors.js';
import { triggerStateQueries } from './queries/trigger-state.js';

/** Every query family bound to `db` (the database or a transaction). */
function queriesOn(db: Db): StoreQueries {
  return {
    jobs: jobQueries(db),
    runs: runQueries(db),
    taskRuns: taskRunQueries(db),
    events: eventQueries(db),
    logs: logQueries(db),
    logChunks: logChunkQueries(db),
    taskDescriptors: taskDescriptorQueries(db),
    callbacks: callbackQueries(db),
    cache: cacheQueries(db),
    catalog: catalogQueries(db),
    triggerState: triggerStateQueries(db),
    backfills: backfillQueries(db),
    hooks: hookQueries(db),
    inventory: inventoryQueries(db),
    insights: insightQueries(db),
    retention: retentionQueries(db),
    auth: authQueries(db),
  };
}

/** Wraps a migrated Kysely database as a `Store`; `close` destroys it. */
export function createKyselyStore(db: Db): Store {
  let closed: Promise<void> | undefined;
  return {
    ...queriesOn(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(queriesOn(trx))),
    async probeWrite(at) {
      await db
        .insertInto('write_probes')
        .values({ id: 1, written_at: at })
        .onConflict((oc) => oc.column('id').doUpdateSet({ written_at: at }))
        .execute();
    },
    close: () => (closed ??= db.destroy()),
  };
}
