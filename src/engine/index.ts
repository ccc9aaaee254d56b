/** The engine room's public surface. */
export { runJob } from './run-job.js';
export type { EngineDeps, FailurePolicy, RunOptions, RunSummary, TaskSummary } from './run-types.js';
export { resolveSettings, type RunSettings } from './run-context.js';
export { systemClock, type Clock } from './ports/clock.js';
export * from './ports/events.js';
export * from './ports/status.js';
export type * from './ports/store.js';
export { LOG_SNAPSHOT_MAX_BYTES } from './ports/store.js';
export * from './ports/runtime.js';
export { evaluateTriggerRule, isKnownTolerantRule, UPSTREAM_FAILED, type TriggerDecision } from './trigger-rules.js';
export { decideBranches, notSelectedReason, type BranchDecision } from './branch.js';
export { OutputCollector, parseOutputLine, parseBranchLine, OUTPUT_MARKER, BRANCH_MARKER, OUTPUT_MAX_BYTES, type CollectedOutputs } from './output-protocol.js';
export { buildTaskEnv, outputEnvName, paramEnvName, type TaskEnvInput } from './task-env.js';
export { retryDelayMs } from './retry.js';
export { resultErrorText, isSuccessResult } from './failure.js';
export { coerceOutputs } from './schema-check.js';
