/**
 * The wire contract: the JSON of every REST request and response and of the
 * notification callbacks, snake_case throughout, and the JSON Schemas of the
 * request bodies.
 * The server builds these values, the client returns them, the tests read
 * them; nothing here imports beyond `jobdef/` types.
 */
export type { DefinitionJson, ProvenanceJson } from './definition.js';
export {
  APPLY_REQUEST_SCHEMA,
  type ApplyRequestJson,
  type ApplyResponseJson,
  type AppliedJobJson,
  type LintMessageJson,
  type LintRequestJson,
  type LintResponseJson,
} from './apply.js';
export {
  DIFF_REQUEST_SCHEMA,
  type DiffRequestJson,
  type DiffResponseJson,
  type FieldChangeJson,
  type JobSummaryJson,
  type ModifiedJobJson,
} from './diff.js';
export type {
  DagJson,
  DagNodeJson,
  JobDefinitionJson,
  JobDetailJson,
  JobJson,
  JobListEntryJson,
  LastRunJson,
  LatestRunJson,
  TaskJson,
} from './job.js';
export {
  RUN_REQUEST_SCHEMA,
  type CallbackRunJson,
  type RunJson,
  type RunRequestJson,
  type SchemaViolationJson,
  type TaskRunJson,
} from './run.js';
export {
  CANCEL_REQUEST_SCHEMA,
  RETRY_REQUEST_SCHEMA,
  type CancelRequestJson,
  type RetryRequestJson,
  type RunRetryJson,
} from './run-control.js';
export type { TaskDescriptorJson } from './descriptor.js';
export type { RunStatusJson, TaskRunStatusJson } from './status.js';
export {
  BACKFILL_REQUEST_SCHEMA,
  type BackfillJson,
  type BackfillRequestBody,
  type BackfillRequestJson,
  type ReprocessJson,
} from './backfill.js';
export type { AtomJson, AtomSpecJson, MountJson, ProvenanceMembersJson, TriggerJson, VolumeMountJson } from './inventory.js';
export type { StatsJson } from './stats.js';
export type { JobVersionJson, PruneRequestJson, PruneResponseJson } from './retention.js';
export type { LogEndJson, LogFollowMessage, LogGapJson, LogLinesJson } from './log.js';
export type { ActiveClaimJson, NodeJson, NodeWorkersJson, SystemNodesJson } from './nodes.js';
export type { AuthStatusJson, HealthJson } from './health.js';
export {
  CREATE_KEY_SCHEMA,
  ROTATE_KEY_SCHEMA,
  type ApiKeyJson,
  type AuditEntryJson,
  type CreatedKeyJson,
  type CreateKeyRequestJson,
  type RotateKeyRequestJson,
  type WhoamiJson,
} from './auth.js';
export type { CacheEntriesJson, CacheEntryJson } from './cache.js';
export type { HookReceiptJson } from './hooks.js';
export type { NotificationJson, NotificationTaskJson } from './notification.js';
export { ZERO_UUID, type EventJson, type TaskLogPayloadJson } from './event.js';
export type { CallbackRetryErrorJson, DefinitionErrorJson, DefinitionErrorsJson, ErrorJson } from './errors.js';
