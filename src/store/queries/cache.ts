/** The task cache (docs/decisions.md §3.4): entries keyed by identity hash. */
import type { Selectable } from 'kysely';
import type { CacheEntry, CacheQueries } from '../../engine/ports/run-store.js';
import type { StringMap } from '../../jobdef/types.js';
import type { Db } from '../db.js';
import { fromJson, toJson } from '../json.js';
import type { TaskCachesTable } from '../schema.js';

/** Cache queries over `db`. */
export function cacheQueries(db: Db): CacheQueries {
  return {
    async get(hash, now) {
      const row = await db
        .selectFrom('task_caches')
        .selectAll()
        .where('hash', '=', hash)
        .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', now)]))
        .executeTakeFirst();
      return row === undefined ? undefined : toEntry(row);
    },
    async put(entry) {
      const row: TaskCachesTable = {
        hash: entry.hash,
        job_id: entry.jobId,
        task_name: entry.taskName,
        result: entry.result,
        output: JSON.stringify(entry.output),
        branch_selections: JSON.stringify(entry.branchSelections),
        run_id: entry.runId,
        task_run_id: entry.taskRunId,
        resolved_image_digest: entry.resolvedImageDigest,
        hash_input_blob: toJson(entry.hashInputBlob),
        created_at: entry.createdAt,
        expires_at: entry.expiresAt,
      };
      const { hash: _hash, ...update } = row;
      await db
        .insertInto('task_caches')
        .values(row)
        .onConflict((oc) => oc.column('hash').doUpdateSet(update))
        .execute();
    },
    async listByJob(jobId) {
      const rows = await db.selectFrom('task_caches').selectAll().where('job_id', '=', jobId).orderBy('created_at', 'desc').execute();
      return rows.map(toEntry);
    },
    async listByAlias(alias) {
      const rows = await db
        .selectFrom('task_caches')
        .selectAll()
        .where('job_id', 'in', (eb) => eb.selectFrom('jobs').select('jobs.id').where('jobs.alias', '=', alias))
        .orderBy('created_at', 'desc')
        .orderBy('hash')
        .execute();
      return rows.map(toEntry);
    },
    async remove(jobId, taskName) {
      let q = db.deleteFrom('task_caches').where('job_id', '=', jobId);
      if (taskName !== undefined) q = q.where('task_name', '=', taskName);
      const result = await q.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async prune(now) {
      const result = await db
        .deleteFrom('task_caches')
        .where('expires_at', 'is not', null)
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toEntry(row: Selectable<TaskCachesTable>): CacheEntry {
  return {
    hash: row.hash,
    jobId: row.job_id,
    taskName: row.task_name,
    result: row.result,
    output: JSON.parse(row.output) as StringMap,
    branchSelections: JSON.parse(row.branch_selections) as string[],
    runId: row.run_id,
    taskRunId: row.task_run_id,
    resolvedImageDigest: row.resolved_image_digest,
    hashInputBlob: fromJson<unknown>(row.hash_input_blob),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
