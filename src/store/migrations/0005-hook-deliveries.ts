/**
 * Webhook replay protection (docs/decisions.md §8): the accepted timestamped
 * deliveries, unique by key, pruned once their timestamp has expired.
 */
import type { Kysely, Migration } from 'kysely';

/** Adds `hook_deliveries`. */
export function hookDeliveriesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('hook_deliveries')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('receipt_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idx_hook_deliveries_expires').on('hook_deliveries').column('expires_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('hook_deliveries').ifExists().execute();
    },
  };
}
