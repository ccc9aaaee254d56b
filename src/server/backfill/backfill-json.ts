/** A backfill as REST JSON (server.md §10, D16 snake_case). */
import type { BackfillRecord } from '../../store/ports/store.js';

/** `{id, job_id, status, start, end, max_concurrent, reprocess, total_runs, completed_runs, failed_runs, cancel_requested_at?, completed_at?, created_at, updated_at}`. */
export function backfillJson(b: BackfillRecord): Record<string, unknown> {
  return {
    id: b.id,
    job_id: b.jobId,
    status: b.status,
    start: b.start,
    end: b.end,
    max_concurrent: b.maxConcurrent,
    reprocess: b.reprocess,
    total_runs: b.totalRuns,
    completed_runs: b.completedRuns,
    failed_runs: b.failedRuns,
    ...(b.cancelRequestedAt === null ? {} : { cancel_requested_at: b.cancelRequestedAt }),
    ...(b.completedAt === null ? {} : { completed_at: b.completedAt }),
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}
