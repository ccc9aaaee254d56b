/**
 * Task dispatches (docs/multi-node.md, routing): a task whose step's `nodeSelector` the node
 * driving its run does not match waits in the database for a node whose labels do. That node
 * claims it with a lease, runs it, ships its log lines and writes its exit, fenced by the
 * claim. Only the PostgreSQL store has them.
 */

/** What the driving node hands over (the launch is opaque JSON here). */
export interface NewDispatch {
  id: string;
  taskRunId: string;
  runId: string;
  attempt: number;
  selector: Record<string, string>;
  launch: unknown;
}

export type DispatchStatus = 'pending' | 'claimed' | 'exited' | 'failed';

/** A dispatch as the driving node polls it. */
export interface DispatchState {
  status: DispatchStatus;
  claimedBy: string | null;
  /** A claimed dispatch whose lease ran out (its node stopped renewing). */
  leaseExpired: boolean;
  exit: unknown;
  error: string | null;
}

/** A dispatch a node just claimed. */
export interface ClaimedDispatch {
  id: string;
  runId: string;
  attempt: number;
  launch: unknown;
}

export interface DispatchLine {
  seq: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface DispatchQueries {
  insert(d: NewDispatch): Promise<void>;
  state(id: string): Promise<DispatchState | undefined>;
  /** Log lines after `seq`, in order, at most `limit`. */
  logsAfter(id: string, seq: number, limit: number): Promise<DispatchLine[]>;
  requestStop(id: string): Promise<void>;
  /** Deletes the dispatch and its lines (its launch holds the task's environment). */
  remove(id: string): Promise<void>;
  /** Deletes every dispatch of a run (a node taking the run over; the executing nodes stop them). */
  removeRun(runId: string): Promise<number>;
  /** A claimed dispatch whose lease expired becomes `failed` with `error`; false when it was not in that state. */
  failExpired(id: string, error: string): Promise<boolean>;
  /** Records why a dispatch waits (shown on its task). */
  setWaitingReason(id: string, reason: string): Promise<void>;
  /** Waiting reasons of a run's pending dispatches, by task run id. */
  waitingReasons(runId: string): Promise<Map<string, string>>;
  /**
   * Claims up to `limit` pending dispatches whose selector the `labels` satisfy, oldest first,
   * skipping rows other nodes are claiming at the same moment, leased to `node` for `ttlMs`.
   */
  claim(node: string, labels: Record<string, string>, limit: number, ttlMs: number): Promise<ClaimedDispatch[]>;
  /** Extends the leases `node` holds on `ids`; returns those still held, and which of them were asked to stop. */
  renew(node: string, ids: readonly string[], ttlMs: number): Promise<{ held: string[]; stop: string[] }>;
  /** Appends lines of a claimed dispatch; false (nothing written) when `node` no longer holds it under `attempt`. */
  appendLogs(id: string, node: string, attempt: number, lines: readonly DispatchLine[]): Promise<boolean>;
  /** Writes the end of a claimed dispatch; false (nothing written) when `node` no longer holds its lease under `attempt`. */
  finish(id: string, node: string, attempt: number, end: { exit: unknown } | { error: string }): Promise<boolean>;
  /** Dispatches `node` holds now. */
  activeOf(node: string): Promise<{ runId: string; taskRunId: string; attempt: number }[]>;
}
