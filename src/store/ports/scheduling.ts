/**
 * What the server's cron scheduler and backfills keep in the store: the
 * last slot handled per job (so a slot fires once, across restarts and
 * across schedulers sharing a database) and backfills with their slots.
 */
import type { RunStatus } from '../../engine/ports/status.js';

/** A cron trigger of a current, not retired job, with the scheduler's cursor for that job. */
export interface CronTriggerRow {
  /** The catalog (stable) job id. */
  jobId: string;
  alias: string;
  paused: boolean;
  /** The current version's id and when it was applied. */
  versionId: string;
  appliedAt: string;
  triggerId: string;
  configuration: Record<string, unknown>;
  /** Undefined until the scheduler first saw the job. */
  state: TriggerState | undefined;
}

/** The scheduler's cursor for one job. */
export interface TriggerState {
  jobId: string;
  /** Every slot up to and including this time (ISO 8601) was handled: fired, or passed over on purpose. */
  lastSlot: string;
  /** The schedule the cursor belongs to (`<expression>|<timezone>`). */
  schedule: string;
  updatedAt: string;
}

export interface TriggerStateQueries {
  /** Cron triggers of every current, not retired job version, by alias. */
  cronTriggers(): Promise<CronTriggerRow[]>;
  /**
   * Moves a job's cursor from `from` (undefined: no cursor yet) to `to`.
   * A compare-and-set: false when the cursor is no longer `from` (another
   * scheduler moved it first), which is what makes a slot fire once.
   */
  advance(jobId: string, from: string | undefined, to: { lastSlot: string; schedule: string; now: string }): Promise<boolean>;
}

/** A backfill's status (docs/decisions.md §10). */
export type BackfillStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Which slots with existing runs a backfill runs again (src/trigger/backfill-plan.ts plans with the same values). */
export type Reprocess = 'none' | 'failed' | 'all';

export interface BackfillRecord {
  id: string;
  /** The catalog (stable) job id. */
  jobId: string;
  status: BackfillStatus;
  start: string;
  end: string;
  maxConcurrent: number;
  reprocess: Reprocess;
  totalRuns: number;
  completedRuns: number;
  failedRuns: number;
  cancelRequestedAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Where one slot of a backfill is. */
export type SlotState = 'pending' | 'running' | 'succeeded' | 'failed';

export interface BackfillSlot {
  backfillId: string;
  position: number;
  /** RFC 3339 UTC, seconds precision: the run's `logical_date`. */
  logicalDate: string;
  runId: string | null;
  state: SlotState;
}

export interface BackfillQueries {
  /** Inserts a backfill and its kept slots; `running`, or `succeeded` at once when there are none. */
  create(backfill: {
    id?: string;
    jobId: string;
    start: string;
    end: string;
    maxConcurrent: number;
    reprocess: Reprocess;
    slots: readonly string[];
    now: string;
  }): Promise<BackfillRecord>;
  get(id: string): Promise<BackfillRecord | undefined>;
  /** A job's backfills, newest first. */
  listByJob(jobId: string): Promise<BackfillRecord[]>;
  /** Backfills still `running` (what a restarted server resumes), oldest first. */
  listRunning(): Promise<BackfillRecord[]>;
  slots(backfillId: string): Promise<BackfillSlot[]>;
  setSlot(backfillId: string, position: number, slot: { runId: string | null; state: SlotState }): Promise<void>;
  /**
   * Moves a `pending` slot to `running` (no run yet) and says whether this caller did: of several servers
   * driving one backfill, only the one that claimed a slot starts its run.
   */
  claimSlot(backfillId: string, position: number): Promise<boolean>;
  /** Writes counters, and the status and completion time when given. */
  update(
    id: string,
    patch: { completedRuns: number; failedRuns: number; status?: BackfillStatus; completedAt?: string; now: string },
  ): Promise<BackfillRecord>;
  /** Sets `cancel_requested_at` of a running backfill; undefined when it is not running. */
  requestCancel(id: string, now: string): Promise<BackfillRecord | undefined>;
  /**
   * The status of the newest run (by start time) per `logical_date` param among
   * the runs of every version of `alias`.
   */
  latestByLogicalDate(alias: string): Promise<Map<string, RunStatus>>;
}
