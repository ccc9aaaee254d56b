/**
 * `task_descriptors`: what the server handed its runtime when it created a
 * task's process or container (image, command, env with `secret://`
 * references unresolved, workdir, mounts), one row per task run holding its
 * latest attempt, for `caesium run reproduce` (docs/run-control.md). Deleted
 * with its run by the retention sweep.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates the table and its run index. */
export function taskDescriptorsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('task_descriptors')
        .addColumn('task_run_id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('launch', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idx_task_descriptors_run').on('task_descriptors').column('run_id').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('idx_task_descriptors_run').ifExists().execute();
      await db.schema.dropTable('task_descriptors').ifExists().execute();
    },
  };
}
