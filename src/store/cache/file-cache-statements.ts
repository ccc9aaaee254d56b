/** The prepared statements of a task cache file, and the row ↔ entry mapping. */
import type BetterSqlite3 from 'better-sqlite3';
import type { StringMap } from '../../jobdef/types.js';
import type { TaskCacheEntry } from '../../engine/ports/task-cache.js';

/** Synchronous queries over an open, checked cache file. */
export interface CacheStatements {
  get(hash: string, now: string): TaskCacheEntry | undefined;
  put(entry: TaskCacheEntry): void;
  recent(jobAlias: string, taskName: string, now: string, limit: number): TaskCacheEntry[];
  prune(now: string): number;
}

interface Row {
  hash: string;
  job_id: string;
  job_alias: string;
  task_name: string;
  result: string;
  output: string;
  branch_selections: string;
  run_id: string;
  task_run_id: string;
  resolved_image_digest: string | null;
  hash_input_blob: string | null;
  created_at: string;
  expires_at: string | null;
}

const LIVE = '(expires_at IS NULL OR expires_at > @now)';

/** Prepares the statements once per open file. */
export function cacheStatements(db: BetterSqlite3.Database): CacheStatements {
  const get = db.prepare<{ hash: string; now: string }, Row>(`SELECT * FROM task_caches WHERE hash = @hash AND ${LIVE}`);
  const put = db.prepare<Row>(
    `INSERT INTO task_caches (hash, job_id, job_alias, task_name, result, output, branch_selections, run_id, task_run_id,
       resolved_image_digest, hash_input_blob, created_at, expires_at)
     VALUES (@hash, @job_id, @job_alias, @task_name, @result, @output, @branch_selections, @run_id, @task_run_id,
       @resolved_image_digest, @hash_input_blob, @created_at, @expires_at)
     ON CONFLICT (hash) DO UPDATE SET job_id = excluded.job_id, job_alias = excluded.job_alias, task_name = excluded.task_name,
       result = excluded.result, output = excluded.output, branch_selections = excluded.branch_selections, run_id = excluded.run_id,
       task_run_id = excluded.task_run_id, resolved_image_digest = excluded.resolved_image_digest,
       hash_input_blob = excluded.hash_input_blob, created_at = excluded.created_at, expires_at = excluded.expires_at`,
  );
  const recent = db.prepare<{ alias: string; task: string; now: string; limit: number }, Row>(
    `SELECT * FROM task_caches WHERE job_alias = @alias AND task_name = @task AND ${LIVE} ORDER BY created_at DESC LIMIT @limit`,
  );
  const prune = db.prepare<{ now: string }>('DELETE FROM task_caches WHERE expires_at IS NOT NULL AND expires_at <= @now');
  return {
    get: (hash, now) => {
      const row = get.get({ hash, now });
      return row === undefined ? undefined : toEntry(row);
    },
    put: (entry) => void put.run(toRow(entry)),
    recent: (alias, task, now, limit) => recent.all({ alias, task, now, limit: Math.max(0, Math.floor(limit)) }).map(toEntry),
    prune: (now) => prune.run({ now }).changes,
  };
}

function toRow(e: TaskCacheEntry): Row {
  return {
    hash: e.hash,
    job_id: e.jobId,
    job_alias: e.jobAlias,
    task_name: e.taskName,
    result: e.result,
    output: JSON.stringify(e.output),
    branch_selections: JSON.stringify(e.branchSelections),
    run_id: e.runId,
    task_run_id: e.taskRunId,
    resolved_image_digest: e.resolvedImageDigest,
    hash_input_blob: e.hashInputBlob === null || e.hashInputBlob === undefined ? null : JSON.stringify(e.hashInputBlob),
    created_at: e.createdAt,
    expires_at: e.expiresAt,
  };
}

function toEntry(r: Row): TaskCacheEntry {
  return {
    hash: r.hash,
    jobId: r.job_id,
    jobAlias: r.job_alias,
    taskName: r.task_name,
    result: r.result,
    output: JSON.parse(r.output) as StringMap,
    branchSelections: JSON.parse(r.branch_selections) as string[],
    runId: r.run_id,
    taskRunId: r.task_run_id,
    resolvedImageDigest: r.resolved_image_digest,
    hashInputBlob: r.hash_input_blob === null ? null : (JSON.parse(r.hash_input_blob) as unknown),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}
