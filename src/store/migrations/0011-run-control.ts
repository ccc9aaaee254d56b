/**
 * Run control: who cancelled a run (`POST …/cancel`) and the priority a
 * manual run asked for. Nullable columns, so rows written before read as
 * "nobody" and "no priority".
 */
import type { Kysely, Migration } from 'kysely';

const COLUMNS = ['cancelled_by', 'priority'] as const;

/** Adds the run-control columns to `runs` (one statement each: SQLite adds one column per ALTER). */
export function runControlMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of COLUMNS) await db.schema.alterTable('runs').addColumn(column, 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('runs').dropColumn(column).execute();
    },
  };
}
