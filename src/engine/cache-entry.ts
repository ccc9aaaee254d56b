/**
 * After a cacheable task executed: the value-verified short-circuit (before
 * its commit, so successors see the right `pred_hash`) and storing its entry
 * (after a successful commit only). Cache failures never fail the task.
 */
import type { CacheKey } from './cache/run-cache.js';
import { partsBlob } from './cache/key-parts.js';
import type { StringMap } from '../jobdef/types.js';
import type { TaskRunRecord } from './ports/store-records.js';
import type { TaskCacheEntry } from './ports/task-cache.js';
import type { RunContext } from './run-context.js';
import type { PlannedTask } from './run-plan.js';
import { errorText } from '../errors.js';

/** How many prior entries of a task the short-circuit compares against. */
const SHORT_CIRCUIT_WINDOW = 64;

/**
 * When the task's new output equals a prior non-expired entry's output for the
 * same job and step, its successors see that entry's hash as this task's
 * identity, so unchanged output keeps their cache hits (docs/decisions.md §3.3).
 * Only non-empty outputs are compared: a step that reports nothing may still
 * have changed what it wrote elsewhere (files, mounts).
 */
export async function shortCircuit(ctx: RunContext, task: PlannedTask, key: CacheKey, output: StringMap): Promise<void> {
  const cache = ctx.deps.cache;
  if (cache === undefined || Object.keys(output).length === 0) return;
  let prior: TaskCacheEntry[];
  try {
    prior = await cache.recent({ jobId: ctx.versionId, jobAlias: ctx.job.alias }, task.step.name, ctx.now(), SHORT_CIRCUIT_WINDOW);
  } catch {
    return; // only an optimisation: the lookup and store of the same cache report its failures
  }
  const same = prior.find((e) => e.hash !== key.hash && sameOutput(e.output, output));
  if (same === undefined) return;
  ctx.cache.hashes.set(task.taskRunId, same.hash);
  try {
    ctx.deps.onCacheShortCircuit?.(ctx.job.alias, task.step.name);
  } catch {
    // an observer never fails a run
  }
}

/** Stores the entry of a task run that succeeded; returns a warning when the cache refused it. */
export async function storeCacheEntry(ctx: RunContext, row: TaskRunRecord, key: CacheKey): Promise<string | undefined> {
  const cache = ctx.deps.cache;
  if (cache === undefined || row.status !== 'succeeded') return undefined;
  const now = ctx.deps.clock.now();
  const entry: TaskCacheEntry = {
    hash: key.hash,
    jobId: ctx.versionId,
    jobAlias: ctx.job.alias,
    taskName: row.name,
    result: row.result ?? 'success',
    output: row.output ?? {},
    branchSelections: row.branchSelections ?? [],
    runId: ctx.runId,
    taskRunId: row.id,
    resolvedImageDigest: key.imageDigest ?? null,
    hashInputBlob: partsBlob(key.parts),
    createdAt: new Date(now).toISOString(),
    expiresAt: key.config.ttlMs > 0 ? new Date(now + key.config.ttlMs).toISOString() : null,
  };
  try {
    await cache.put(entry);
    return undefined;
  } catch (error) {
    return `task cache store failed: ${errorText(error)}`;
  }
}

function sameOutput(a: StringMap, b: StringMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
