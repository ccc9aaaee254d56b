/**
 * `GET /v1/system/nodes`: the live nodes sharing the database (docs/multi-node.md),
 * or this server alone. `GET /v1/nodes/:address/workers` (docs/decisions.md §11.4, §15): the task claims of
 * one node. This server is the only node; its engine claims task runs as
 * `claimed_by = "server"`, so its own address (`CAESIUM_NODE_ADDRESS`, else
 * its host:port) owns those claims as well as any recorded under the address
 * itself. Any other address owns only its own (none on one node).
 * Single-node claims carry no lease: `claim_expires_at` is absent and
 * `expired_leases` is 0; a claim's attempt is the task run's attempt.
 */
import type { Hono } from 'hono';
import type { NodeJson, NodeWorkersJson, SystemNodesJson } from '../../api/nodes.js';
import type { NodeRecord } from '../../store/ports/cluster.js';
import type { AppDeps } from '../app-deps.js';
import { caesiumVersion } from '../cluster/cluster-start.js';
import { SERVER_WORKER_ID } from '../run-launcher.js';

const ACTIVE_LIMIT = 50;

/** Registers the node routes. */
export function nodeRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/system/nodes', async (c) => {
    const self = deps.nodeAddress?.() ?? SERVER_WORKER_ID;
    const out: SystemNodesJson = {
      self,
      nodes: deps.liveNodes === undefined ? [await soleNode(deps, self)] : (await deps.liveNodes()).map(nodeJson),
    };
    return c.json(out);
  });

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

/** A server alone: itself, with the runs it drives. */
async function soleNode(deps: AppDeps, address: string): Promise<NodeJson> {
  const claims = await deps.store.insights.workerClaims([address, SERVER_WORKER_ID], 0);
  const started = new Date(deps.startedAt).toISOString();
  return {
    address,
    labels: {},
    capacity: deps.launcher.capacity,
    version: caesiumVersion(),
    started_at: started,
    heartbeat_at: new Date(deps.now()).toISOString(),
    leased_runs: deps.launcher.drivenRunIds().length,
    running_tasks: claims.byStatus.find((s) => s.status === 'running')?.count ?? 0,
  };
}

function nodeJson(n: NodeRecord): NodeJson {
  return {
    address: n.address,
    labels: n.labels,
    capacity: n.capacity,
    version: n.version,
    started_at: n.startedAt,
    heartbeat_at: n.heartbeatAt,
    leased_runs: n.leasedRuns,
    running_tasks: n.runningTasks,
  };
}
