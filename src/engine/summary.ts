/** The summary `runJob` returns, from the rows as the run ended. */
import type { RunRecord, TaskRunRecord } from './ports/store-records.js';
import type { RunContext } from './run-context.js';
import type { RunSummary, TaskSummary } from './run-types.js';

/** Builds the run summary; `warnings` are per task-run id. */
export function buildSummary(
  ctx: RunContext,
  run: RunRecord,
  tasks: readonly TaskRunRecord[],
  warnings: ReadonlyMap<string, string[]>,
): RunSummary {
  const completedAt = run.completedAt ?? ctx.now();
  return {
    runId: run.id,
    jobId: run.jobId,
    jobAlias: ctx.job.alias,
    status: run.status === 'running' ? 'failed' : run.status,
    error: run.error,
    params: run.params,
    startedAt: run.startedAt,
    completedAt,
    durationMs: Date.parse(completedAt) - Date.parse(run.startedAt),
    tasks: tasks.map((t): TaskSummary => ({
      id: t.id,
      taskId: t.taskId,
      name: t.name,
      status: t.status,
      attempt: t.attempt,
      maxAttempts: t.maxAttempts,
      result: t.result,
      exitCode: t.exitCode,
      error: t.error,
      output: t.output ?? {},
      branchSelections: t.branchSelections ?? [],
      schemaViolations: t.schemaViolations ?? [],
      warnings: warnings.get(t.id) ?? [],
      startedAt: t.startedAt,
      completedAt: t.completedAt,
      durationMs: t.startedAt !== null && t.completedAt !== null ? Date.parse(t.completedAt) - Date.parse(t.startedAt) : null,
      cacheHit: t.cacheHit,
    })),
  };
}
