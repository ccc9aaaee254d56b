/**
 * The job catalog: a stable id per alias (REST job ids survive re-applies),
 * the pause flag, provenance (docs/decisions.md D12 prune) and retirement.
 */
import type { Kysely, Migration } from 'kysely';

/** Adds `job_catalog`. */
export function jobCatalogMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('job_catalog')
        .addColumn('alias', 'text', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('paused', 'integer', (c) => c.notNull())
        .addColumn('provenance_source_id', 'text')
        .addColumn('provenance_repo', 'text')
        .addColumn('provenance_ref', 'text')
        .addColumn('provenance_commit', 'text')
        .addColumn('provenance_path', 'text')
        .addColumn('retired_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idx_job_catalog_source').on('job_catalog').column('provenance_source_id').execute();
      await db.schema.createIndex('idx_runs_status').on('runs').columns(['job_id', 'status']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('idx_runs_status').ifExists().execute();
      await db.schema.dropTable('job_catalog').ifExists().execute();
    },
  };
}
