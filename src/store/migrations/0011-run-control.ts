/**
 * Run control (cancel, retry, priority): who cancelled a run, the priority
 * a manual run asked for, and the run's attempts. A retry re-runs part of a
 * finished run as a new attempt of the same run: `attempt` counts them,
 * `attempt_started_at` is when the current one began (its run timeout counts
 * from there), `retry_from` is the step a retry started from and
 * `kept_steps` the steps whose results it kept (a JSON array of names).
 * Nullable or defaulted columns, so rows written before read as attempt 1.
 */
import type { Kysely, Migration } from 'kysely';

const TEXT_COLUMNS = ['cancelled_by', 'priority', 'attempt_started_at', 'retry_from', 'kept_steps'] as const;

/** Adds the run-control columns to `runs` (one statement each: SQLite adds one column per ALTER). */
export function runControlMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of TEXT_COLUMNS) await db.schema.alterTable('runs').addColumn(column, 'text').execute();
      await db.schema
        .alterTable('runs')
        .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('runs').dropColumn('attempt').execute();
      for (const column of [...TEXT_COLUMNS].reverse()) await db.schema.alterTable('runs').dropColumn(column).execute();
    },
  };
}
