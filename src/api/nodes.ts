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
