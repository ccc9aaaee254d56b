/**
 * Indexes of the REST API's read queries (docs/decisions.md §11.4): a job version's
 * trigger (`GET /v1/jobs/:id`, `GET /v1/triggers`) and the runs of a time
 * window across jobs (`GET /v1/stats`).
 */
import type { Kysely, Migration } from 'kysely';

/** Adds `idx_triggers_job` and `idx_runs_started`. */
export function readIndexesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('idx_triggers_job').on('triggers').column('job_id').execute();
      // Covers the stats queries: a window's runs are read from the index alone.
      await db.schema.createIndex('idx_runs_started').on('runs').columns(['started_at', 'status', 'job_id', 'completed_at']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('idx_runs_started').ifExists().execute();
      await db.schema.dropIndex('idx_triggers_job').ifExists().execute();
    },
  };
}
