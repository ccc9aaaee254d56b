/** What `GET /v1/nodes/:address/workers` answers for a node with no running claim, as `toEqual` expects it. */
import { expect } from 'vitest';
import type { Json } from './in-process.js';

/** Claim counts of one address; `last_activity_at` is expected exactly when it has claimed something. */
export interface IdleClaims {
  total: number;
  byStatus: Record<string, number>;
  attempts: number;
}

/** The expected body: no running claim, no lease, the given counts. */
export function idleWorkersJson(address: string, claims: IdleClaims): Json {
  return {
    address,
    observed_at: expect.any(String),
    total_claimed_tasks: claims.total,
    claimed_by_status: claims.byStatus,
    running_claims: 0,
    expired_leases: 0,
    total_claim_attempts: claims.attempts,
    ...(claims.total > 0 ? { last_activity_at: expect.any(String) } : {}),
    active_claims: [],
  };
}
