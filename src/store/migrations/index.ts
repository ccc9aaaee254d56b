/** Runs the store's migrations with Kysely's Migrator (a static provider, no files read). */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { SqlFlavor } from './flavor.js';
import { initialMigration } from './0001-initial.js';
import { jobCatalogMigration } from './0002-job-catalog.js';
import { triggerStateMigration } from './0003-trigger-state.js';
import { backfillsMigration } from './0004-backfills.js';
import { hookDeliveriesMigration } from './0005-hook-deliveries.js';
import { runOriginMigration } from './0006-run-origin.js';
import { readIndexesMigration } from './0007-read-indexes.js';
import { jobStableIdsMigration } from './0008-job-stable-ids.js';
import { normalizedJobsMigration } from './0009-normalized-jobs.js';
import { authMigration } from './0010-auth.js';
import { runControlMigration } from './0011-run-control.js';
import { logsAndHistoryMigration } from './0012-logs-and-history.js';
import { runRetryMigration } from './0013-run-retry.js';
import { taskDescriptorsMigration } from './0014-task-descriptors.js';
import { writeProbeMigration } from './0015-write-probe.js';
import { clusterMigration } from './0016-cluster.js';
import { taskDispatchesMigration } from './0017-task-dispatches.js';

export type { SqlFlavor } from './flavor.js';

/** Every migration, keyed by name (applied in name order). */
export function storeMigrations(flavor: SqlFlavor): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(flavor),
    '0002-job-catalog': jobCatalogMigration(),
    '0003-trigger-state': triggerStateMigration(),
    '0004-backfills': backfillsMigration(),
    '0005-hook-deliveries': hookDeliveriesMigration(),
    '0006-run-origin': runOriginMigration(),
    '0007-read-indexes': readIndexesMigration(),
    '0008-job-stable-ids': jobStableIdsMigration(),
    '0009-normalized-jobs': normalizedJobsMigration(),
    '0010-auth': authMigration(),
    '0011-run-control': runControlMigration(),
    '0012-logs-and-history': logsAndHistoryMigration(),
    '0013-run-retry': runRetryMigration(),
    '0014-task-descriptors': taskDescriptorsMigration(),
    '0015-write-probe': writeProbeMigration(),
    '0016-cluster': clusterMigration(),
    '0017-task-dispatches': taskDispatchesMigration(),
  };
}

/**
 * Brings `db` up to the latest schema; throws with the failing migration's error.
 * `schema` (PostgreSQL) is where the migration bookkeeping tables live, next to ours.
 */
export async function migrateToLatest(db: Kysely<unknown>, flavor: SqlFlavor, schema?: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(storeMigrations(flavor)) };
  const migrator = new Migrator({ db, provider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
}
