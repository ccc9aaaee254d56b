/**
 * Many servers on one database (docs/multi-node.md): the nodes that share it,
 * with their labels and a heartbeat, and one lease per running run naming the
 * node that drives it, and cancel requests on their way to that node. Times are milliseconds since the epoch as the database
 * reads its own clock, so nodes with skewed clocks agree on what expired.
 * Both flavours get the tables; only a PostgreSQL store writes them.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates `nodes`, `run_leases` and `run_cancel_requests`. */
export function clusterMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('nodes')
        .addColumn('address', 'text', (c) => c.primaryKey())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('started_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('heartbeat_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('run_leases')
        .addColumn('run_id', 'text', (c) => c.primaryKey().references('runs.id').onDelete('cascade'))
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('epoch', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idx_run_leases_node').on('run_leases').column('node').execute();
      // A cancel asked of a node that does not drive the run, for the node that does.
      await db.schema
        .createTable('run_cancel_requests')
        .addColumn('run_id', 'text', (c) => c.primaryKey().references('runs.id').onDelete('cascade'))
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idx_run_leases_expiry').on('run_leases').column('expires_at_ms').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('run_cancel_requests').ifExists().execute();
      await db.schema.dropTable('run_leases').ifExists().execute();
      await db.schema.dropTable('nodes').ifExists().execute();
    },
  };
}
