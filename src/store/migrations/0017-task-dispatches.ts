/**
 * Task dispatches (docs/multi-node.md, routing): a task handed from the node driving its run
 * to a node whose labels match its step's `nodeSelector`, its lease (database time, ms) and
 * exit, and the log lines it ships back. Both flavours get the tables; only PostgreSQL writes them.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates `task_dispatches` and `task_dispatch_logs`. */
export function taskDispatchesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('task_dispatches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('task_run_id', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('selector', 'text', (c) => c.notNull())
        .addColumn('launch', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('lease_expires_at_ms', 'bigint')
        .addColumn('exit', 'text')
        .addColumn('error', 'text')
        .addColumn('waiting_reason', 'text')
        .addColumn('stop_requested', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idx_task_dispatches_status').on('task_dispatches').columns(['status', 'created_at_ms']).execute();
      await db.schema.createIndex('idx_task_dispatches_run').on('task_dispatches').column('run_id').execute();
      await db.schema
        .createTable('task_dispatch_logs')
        .addColumn('dispatch_id', 'text', (c) => c.notNull().references('task_dispatches.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pk_task_dispatch_logs', ['dispatch_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('task_dispatch_logs').ifExists().execute();
      await db.schema.dropTable('task_dispatches').ifExists().execute();
    },
  };
}
