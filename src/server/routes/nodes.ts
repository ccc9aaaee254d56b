/**
 * `GET /v1/nodes/:address/workers` (docs/decisions.md §11.4, §15): the task claims of
 * one node. This server is the only node; its engine claims task runs as
 * `claimed_by = "server"`, so its own address (`CAESIUM_NODE_ADDRESS`, else
 * its host:port) owns those claims as well as any recorded under the address
 * itself. Any other address owns only its own (none on one node).
 * Single-node claims carry no lease: `claim_expires_at` is absent and
 * `expired_leases` is 0; a claim's attempt is the task run's attempt.
 */
import type { Hono } from 'hono';
import type { NodeWorkersJson } from '../../api/nodes.js';
import type { AppDeps } from '../app-deps.js';
import { SERVER_WORKER_ID } from '../run-launcher.js';

const ACTIVE_LIMIT = 50;

/** Registers the node workers route. */
export function nodeRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/nodes/:address/workers', async (c) => {
    const address = c.req.param('address');
    const self = deps.nodeAddress?.() ?? SERVER_WORKER_ID;
    const owners = address === self ? [address, SERVER_WORKER_ID] : [address];
    const claims = await deps.store.insights.workerClaims(owners, ACTIVE_LIMIT);
    const byStatus: Record<string, number> = {};
    let total = 0;
    let attempts = 0;
    for (const s of claims.byStatus) {
      byStatus[s.status] = s.count;
      total += s.count;
      attempts += s.attempts;
    }
    const out: NodeWorkersJson = {
      address,
      observed_at: new Date(deps.now()).toISOString(),
      total_claimed_tasks: total,
      claimed_by_status: byStatus,
      running_claims: byStatus.running ?? 0,
      expired_leases: 0,
      total_claim_attempts: attempts,
      ...(claims.lastActivityAt === null ? {} : { last_activity_at: claims.lastActivityAt }),
      active_claims: claims.active.map((a) => ({
        job_run_id: a.runId,
        task_id: a.taskId,
        status: a.status,
        claim_attempt: a.attempt,
        updated_at: a.updatedAt,
      })),
    };
    return c.json(out);
  });
}
