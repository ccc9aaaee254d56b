/** `GET /v1/nodes/:address/workers`: the task claims of one node. */

export interface NodeWorkersJson {
  address: string;
  observed_at: string;
  total_claimed_tasks: number;
  /** Claimed task runs by status. */
  claimed_by_status: Record<string, number>;
  running_claims: number;
  expired_leases: number;
  total_claim_attempts: number;
  /** Absent until the node claimed something. */
  last_activity_at?: string;
  active_claims: ActiveClaimJson[];
}

export interface ActiveClaimJson {
  job_run_id: string;
  task_id: string;
  status: string;
  claim_attempt: number;
  updated_at: string;
}

/** `GET /v1/system/nodes`: the servers sharing this server's database that heartbeat within the lease TTL. */
export interface SystemNodesJson {
  /** The node that answered. */
  self: string;
  nodes: NodeJson[];
}

export interface NodeJson {
  address: string;
  /** `CAESIUM_NODE_LABELS`. */
  labels: Record<string, string>;
  /** Runs it executes at once (`CAESIUM_MAX_ACTIVE_RUNS`). */
  capacity: number;
  version: string;
  started_at: string;
  heartbeat_at: string;
  /** Runs whose lease it holds (one server alone: the runs it drives). */
  leased_runs: number;
  /** Its task runs `running` now. */
  running_tasks: number;
}
