/**
 * Live task logs, definition history and retention (docs/live-logs.md,
 * docs/retention.md):
 * - `task_log_chunks`: a task attempt's output as it arrives, in whole-line
 *   chunks (head chunks kept, tail chunks rotated: the bound is per attempt);
 * - `job_version_sources`: where each applied job version came from (its
 *   provenance at apply time; the catalog only keeps the latest);
 * - `idx_runs_completed`: the retention sweep finds old finished runs by it.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates the two tables and the index. */
export function logsAndHistoryMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('task_log_chunks')
        .addColumn('task_run_id', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('first_line', 'integer', (c) => c.notNull())
        .addColumn('line_count', 'integer', (c) => c.notNull())
        .addColumn('byte_offset', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pk_task_log_chunks', ['task_run_id', 'attempt', 'seq'])
        .execute();
      await db.schema.createIndex('idx_task_log_chunks_run').on('task_log_chunks').column('run_id').execute();
      await db.schema
        .createTable('job_version_sources')
        .addColumn('job_id', 'text', (c) => c.primaryKey())
        .addColumn('provenance', 'text')
        .execute();
      await db.schema.createIndex('idx_runs_completed').on('runs').columns(['completed_at', 'job_id']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('idx_runs_completed').ifExists().execute();
      await db.schema.dropTable('job_version_sources').ifExists().execute();
      await db.schema.dropIndex('idx_task_log_chunks_run').ifExists().execute();
      await db.schema.dropTable('task_log_chunks').ifExists().execute();
    },
  };
}
