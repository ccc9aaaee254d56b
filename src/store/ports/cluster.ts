/**
 * Many servers on one database (docs/multi-node.md): node heartbeats and run
 * leases. Every time is the database's clock, so nodes need not agree on theirs.
 * Only the PostgreSQL store has them; a store without `cluster` serves one node.
 */

/** What a node says about itself at every heartbeat. */
export interface NodeInfo {
  /** `CAESIUM_NODE_ADDRESS`, or the server's host:port. */
  address: string;
  /** `CAESIUM_NODE_LABELS`. */
  labels: Record<string, string>;
  /** Runs it executes at once (`CAESIUM_MAX_ACTIVE_RUNS`). */
  capacity: number;
  /** The caesium version it runs. */
  version: string;
}

/** A node as the others see it. */
export interface NodeRecord extends NodeInfo {
  startedAt: string;
  heartbeatAt: string;
  /** Runs whose lease it holds. */
  leasedRuns: number;
  /** Task runs it has `running`. */
  runningTasks: number;
}

export interface ClusterQueries {
  /** Records `node` alive now (registering it the first time); returns the database's time in ms. */
  heartbeat(node: NodeInfo): Promise<number>;
  /** Nodes whose last heartbeat is at most `withinMs` old, by address. */
  liveNodes(withinMs: number): Promise<NodeRecord[]>;
  /** Removes `address` from the nodes (a clean shutdown). */
  leave(address: string): Promise<void>;
  /** Takes the lease of a new run for `ttlMs`; false when another node holds it. */
  acquire(runId: string, node: string, ttlMs: number): Promise<boolean>;
  /** Extends the leases `node` holds on `runIds` by `ttlMs`; returns the ids it still holds. */
  renew(node: string, runIds: readonly string[], ttlMs: number): Promise<string[]>;
  /** Runs whose lease `node` holds (a node restarted under the same address resumes them). */
  held(node: string): Promise<string[]>;
  /** Hands every lease of `node` back at once (expired, to nobody): its writes are refused from now on. */
  handBack(node: string): Promise<number>;
  /** Asks the node driving `runId` to cancel it on behalf of `by` (kept until that node takes it). */
  requestCancel(runId: string, by: string): Promise<void>;
  /** Takes (removes and returns) the cancel requests of the given runs. */
  takeCancelRequests(runIds: readonly string[]): Promise<{ runId: string; by: string }[]>;
  /** The newest stored event's sequence (0 when none). */
  lastEventSequence(): Promise<number>;
  /** Gives up the lease of a run (it ended, or was handed back); false when `node` no longer held it. */
  release(runId: string, node: string): Promise<boolean>;
  /**
   * Takes over up to `limit` running runs whose lease expired, or that have none
   * and started before `orphanBefore` (ISO time), skipping rows other nodes are
   * taking at the same moment; returns their ids.
   */
  takeOver(node: string, ttlMs: number, limit: number, orphanBefore: string): Promise<string[]>;
}
