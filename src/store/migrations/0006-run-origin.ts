/**
 * How a run was started (docs/decisions.md §11.3): the trigger that fired it (cron
 * or http) or the backfill that launched it; both empty for a manual run.
 * Nullable columns, so rows written before this migration read as manual.
 */
import type { Kysely, Migration } from 'kysely';

/** Adds `runs.trigger_id` and `runs.backfill_id` (one statement each: SQLite adds one column per ALTER). */
export function runOriginMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('runs').addColumn('trigger_id', 'text').execute();
      await db.schema.alterTable('runs').addColumn('backfill_id', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('runs').dropColumn('backfill_id').execute();
      await db.schema.alterTable('runs').dropColumn('trigger_id').execute();
    },
  };
}
