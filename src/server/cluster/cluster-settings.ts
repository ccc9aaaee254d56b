/** The variables of many servers on one database (docs/multi-node.md), checked at the boundary. */
import { UsageError } from '../../errors.js';
import { parseDuration } from '../../jobdef/duration.js';

export interface ClusterSettings {
  /** `CAESIUM_WORKER_LEASE_TTL` (default 10s): how long a run's lease lasts without renewal. */
  leaseTtlMs: number;
  /** `CAESIUM_WORKER_LEASE_RENEW_INTERVAL` (default, or 0: a quarter of the TTL, at least 1s): heartbeat and renewal period. */
  renewMs: number;
  /** `CAESIUM_WORKER_RECLAIM_INTERVAL` (default 2s): how often a node looks for runs whose lease expired. */
  reclaimMs: number;
  /** `CAESIUM_NODE_LABELS` (`k=v,k2=v2`; blank keys and values dropped). */
  labels: Record<string, string>;
}

type Env = Record<string, string | undefined>;

/** Reads the cluster settings; throws `UsageError` naming the variable on a bad value. */
export function clusterSettingsFromEnv(env: Env): ClusterSettings {
  const leaseTtlMs = duration(env, 'CAESIUM_WORKER_LEASE_TTL') ?? 10_000;
  if (leaseTtlMs < 2_000) throw new UsageError(`CAESIUM_WORKER_LEASE_TTL must be at least 2s; got "${env.CAESIUM_WORKER_LEASE_TTL}"`);
  const renew = duration(env, 'CAESIUM_WORKER_LEASE_RENEW_INTERVAL') ?? 0;
  const renewMs = renew === 0 ? Math.max(1_000, Math.floor(leaseTtlMs / 4)) : renew;
  if (renewMs * 2 > leaseTtlMs)
    throw new UsageError(
      `CAESIUM_WORKER_LEASE_RENEW_INTERVAL (${renewMs} ms) must be at most half of CAESIUM_WORKER_LEASE_TTL (${leaseTtlMs} ms)`,
      'leave it unset: a quarter of the TTL',
    );
  const reclaimMs = duration(env, 'CAESIUM_WORKER_RECLAIM_INTERVAL') || 2_000;
  return { leaseTtlMs, renewMs, reclaimMs, labels: nodeLabels(env.CAESIUM_NODE_LABELS) };
}

/** `k=v,k2=v2` as an object; entries with a blank key or value are dropped. */
function nodeLabels(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (raw ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key !== '' && value !== '') out[key] = value;
  }
  return out;
}

function duration(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined || ms < 0) throw new UsageError(`${name} must be a duration like 10s or 1m; got "${raw}"`);
  return ms;
}
