/** Backfills (docs/decisions.md §10) and their planned slots, so a running backfill resumes after a restart. */
import type { Kysely, Migration } from 'kysely';

/** Adds `backfills` and `backfill_slots`. */
export function backfillsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('backfills')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('start_at', 'text', (c) => c.notNull())
        .addColumn('end_at', 'text', (c) => c.notNull())
        .addColumn('max_concurrent', 'integer', (c) => c.notNull())
        .addColumn('reprocess', 'text', (c) => c.notNull())
        .addColumn('total_runs', 'integer', (c) => c.notNull())
        .addColumn('completed_runs', 'integer', (c) => c.notNull())
        .addColumn('failed_runs', 'integer', (c) => c.notNull())
        .addColumn('cancel_requested_at', 'text')
        .addColumn('completed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idx_backfills_job').on('backfills').columns(['job_id', 'created_at']).execute();
      await db.schema.createIndex('idx_backfills_status').on('backfills').column('status').execute();
      await db.schema
        .createTable('backfill_slots')
        .addColumn('backfill_id', 'text', (c) => c.notNull().references('backfills.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('logical_date', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('backfill_slots_pk', ['backfill_id', 'position'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('backfill_slots').ifExists().execute();
      await db.schema.dropTable('backfills').ifExists().execute();
    },
  };
}
