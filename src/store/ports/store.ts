/**
 * The full store: the engine's `RunStore` plus the families only the server
 * drives (the job catalog, cron cursors, backfills, webhook deliveries, the
 * REST inventory and statistics, callbacks). Every adapter (in-memory sql.js,
 * a SQLite file, later PostgreSQL) returns a `Store`; the engine is handed it
 * as a `RunStore` and sees only its own families. A new server query goes
 * here and in src/store/queries/, never into src/engine/.
 */
import type { RunStore, RunStoreQueries } from '../../engine/ports/run-store.js';
import type { AuthQueries } from './auth.js';
import type { ClusterQueries } from './cluster.js';
import type { DispatchQueries } from './dispatch.js';
import type { CallbackQueries } from './callbacks.js';
import type { CatalogQueries } from './catalog.js';
import type { HookQueries } from './hooks.js';
import type { LogChunkQueries } from './log-chunks.js';
import type { RetentionQueries } from './retention.js';
import type { TaskDescriptorQueries } from './task-descriptors.js';
import type { InsightQueries, InventoryQueries } from './inventory.js';
import type { BackfillQueries, TriggerStateQueries } from './scheduling.js';

export type * from '../../engine/ports/run-store.js';
export type * from './auth.js';
export type * from './cluster.js';
export type * from './dispatch.js';
export type * from './callbacks.js';
export type * from './catalog.js';
export type * from './hooks.js';
export type * from './inventory.js';
export type * from './log-chunks.js';
export type * from './retention.js';
export type * from './scheduling.js';
export type * from './task-descriptors.js';

/** Every query family; inside `transaction` they all run in that transaction. */
export interface StoreQueries extends RunStoreQueries {
  /** Callbacks of a job and their deliveries per run. */
  readonly callbacks: CallbackQueries;
  /** Stable job identities and the server's read queries. */
  readonly catalog: CatalogQueries;
  /** The cron scheduler's cursor per job. */
  readonly triggerState: TriggerStateQueries;
  /** Backfills and their slots. */
  readonly backfills: BackfillQueries;
  /** Webhook triggers and accepted deliveries. */
  readonly hooks: HookQueries;
  /** Triggers and atoms of the catalog's jobs (the REST API's lists). */
  readonly inventory: InventoryQueries;
  /** Live task output, stored as it arrives (docs/live-logs.md). */
  readonly logChunks: LogChunkQueries;
  /** Each task run's latest launch, for `caesium run reproduce`. */
  readonly taskDescriptors: TaskDescriptorQueries;
  /** Run statistics and worker claims. */
  readonly insights: InsightQueries;
  /** Pruning finished runs; the history of applied job versions. */
  readonly retention: RetentionQueries;
  /** API keys and the audit log. */
  readonly auth: AuthQueries;
}

/** A store with every family; `transaction` hands its body all of them. */
export interface Store extends RunStore, StoreQueries {
  transaction<T>(fn: (tx: StoreQueries) => Promise<T>): Promise<T>;
  /** Rewrites one row of its own: rejects while the database cannot be written (the server's write check). */
  probeWrite(at: string): Promise<void>;
  /** Node heartbeats and run leases: present when many servers may share the database (PostgreSQL). */
  readonly cluster?: ClusterQueries;
  /** Tasks handed to the node whose labels match their step's `nodeSelector` (PostgreSQL). */
  readonly dispatches?: DispatchQueries;
}
