/**
 * The cron scheduler's cursor per job: the last slot handled, so a slot fires
 * once across restarts and across schedulers sharing the database.
 */
import type { Kysely, Migration } from 'kysely';

/** Adds `trigger_state`. */
export function triggerStateMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('trigger_state')
        .addColumn('job_id', 'text', (c) => c.primaryKey())
        .addColumn('last_slot', 'text', (c) => c.notNull())
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('trigger_state').ifExists().execute();
    },
  };
}
