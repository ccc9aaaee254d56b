/** Pruning finished runs, and the history of applied job versions (docs/retention.md). */
import { sql } from 'kysely';
import type { RetentionQueries } from '../ports/retention.js';
import { inTransaction, type Db } from '../db.js';

/** Statuses a run never leaves. */
const FINISHED = ['succeeded', 'failed', 'cancelled'];

/** Retention queries over `db`. */
export function retentionQueries(db: Db): RetentionQueries {
  return {
    async prunable({ finishedBefore, keepPerJob, limit }) {
      if (finishedBefore === undefined && keepPerJob === undefined) return [];
      const byAge = finishedBefore === undefined ? sql<boolean>`0 = 1` : sql<boolean>`completed_at < ${finishedBefore}`;
      const byCount = keepPerJob === undefined ? sql<boolean>`0 = 1` : sql<boolean>`rank > ${keepPerJob}`;
      const rows = await sql<{ id: string }>`
        SELECT id FROM (
          SELECT r.id, r.completed_at,
                 ROW_NUMBER() OVER (PARTITION BY COALESCE(j.stable_id, j.alias) ORDER BY r.started_at DESC, r.id DESC) AS rank
          FROM runs r JOIN jobs j ON j.id = r.job_id
          WHERE r.completed_at IS NOT NULL AND r.status IN (${sql.join(FINISHED)})
        ) finished
        WHERE ${byAge} OR ${byCount}
        ORDER BY completed_at, id
        LIMIT ${limit}`.execute(db);
      return rows.rows.map((r) => r.id);
    },
    deleteRuns: (runIds) =>
      runIds.length === 0
        ? Promise.resolve(0)
        : inTransaction(db, async (tx) => {
            const ids = [...runIds];
            // Re-check inside the transaction: a run is only ever deleted when finished.
            const finished = (
              await tx
                .selectFrom('runs')
                .select('id')
                .where('id', 'in', ids)
                .where('status', 'in', FINISHED)
                .where('completed_at', 'is not', null)
                .execute()
            ).map((r) => r.id);
            if (finished.length === 0) return 0;
            await tx.deleteFrom('task_log_chunks').where('run_id', 'in', finished).execute();
            await tx.deleteFrom('task_descriptors').where('run_id', 'in', finished).execute();
            await tx.deleteFrom('task_logs').where('run_id', 'in', finished).execute();
            await tx.deleteFrom('callback_runs').where('run_id', 'in', finished).execute();
            await tx.deleteFrom('execution_events').where('run_id', 'in', finished).execute();
            await tx.deleteFrom('task_runs').where('run_id', 'in', finished).execute();
            const result = await tx.deleteFrom('runs').where('id', 'in', finished).executeTakeFirst();
            return Number(result.numDeletedRows);
          }),
    async recordSource(jobVersionId, provenance) {
      const value = provenance === null ? null : JSON.stringify(provenance);
      await db
        .insertInto('job_version_sources')
        .values({ job_id: jobVersionId, provenance: value })
        .onConflict((oc) => oc.column('job_id').doUpdateSet({ provenance: value }))
        .execute();
    },
    async versions(stableId) {
      const rows = await db
        .selectFrom('jobs')
        .leftJoin('job_version_sources', 'job_version_sources.job_id', 'jobs.id')
        .select(['jobs.id', 'jobs.version', 'jobs.content_hash', 'jobs.created_at', 'jobs.is_current', 'job_version_sources.provenance'])
        .where('jobs.stable_id', '=', stableId)
        .orderBy('jobs.version', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        version: r.version,
        contentHash: r.content_hash,
        createdAt: r.created_at,
        current: r.is_current === 1,
        provenance: r.provenance === null ? null : (JSON.parse(r.provenance) as Record<string, string>),
      }));
    },
  };
}
