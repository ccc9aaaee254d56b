/**
 * Run retry (`POST …/runs/:run_id/retry`): a retry re-runs part of a finished
 * run as a new attempt of the same run. `attempt` counts the attempts (1 for
 * every run written before), `attempt_started_at` is when the current one
 * began (its run timeout counts from there; null: `started_at`), and `retry`
 * is a JSON object describing the latest retry (the step it started from,
 * the steps it kept and re-ran, how the attempt before ended).
 */
import type { Kysely, Migration } from 'kysely';

const TEXT_COLUMNS = ['attempt_started_at', 'retry'] as const;

/** Adds the retry columns to `runs` (one statement each: SQLite adds one column per ALTER). */
export function runRetryMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('runs')
        .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      for (const column of TEXT_COLUMNS) await db.schema.alterTable('runs').addColumn(column, 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const column of [...TEXT_COLUMNS].reverse()) await db.schema.alterTable('runs').dropColumn(column).execute();
      await db.schema.alterTable('runs').dropColumn('attempt').execute();
    },
  };
}
