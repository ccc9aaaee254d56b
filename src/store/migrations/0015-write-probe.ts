/**
 * `write_probes`: one row the server rewrites to learn whether the database
 * can be written again after a write failed (a full disk, a read-only file
 * system); see src/server/database/write-health.ts.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates the table. */
export function writeProbeMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('write_probes')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('written_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('write_probes').execute();
    },
  };
}
