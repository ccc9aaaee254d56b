/** A backfill as REST JSON (the `api/backfill.ts` contract). */
import type { BackfillJson } from '../../api/backfill.js';
import type { BackfillRecord } from '../../store/ports/store.js';
import { setFields } from '../views/set-fields.js';

/** The backfill's JSON: `cancel_requested_at` and `completed_at` only once set. */
export function backfillJson(b: BackfillRecord): BackfillJson {
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
    ...setFields({ cancel_requested_at: b.cancelRequestedAt, completed_at: b.completedAt }),
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}
