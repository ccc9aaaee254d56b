/**
 * A cache hit (docs/decisions.md §3.3): the lookup, then one transaction that ends
 * the task `cached` with the entry's result, outputs and branch selections
 * (branch filtering applied again), emits `task_cached`, and advances the
 * successors exactly as a success does. No runtime, no logs, no snapshot.
 */
import { advance } from './advance.js';
import { decideBranches } from './branch.js';
import { claimAfterCommit, type ClaimSlots, type Committed } from './commit.js';
import type { CacheKey } from './cache/run-cache.js';
import type { NewExecutionEvent, TaskCachedPayload } from './ports/events.js';
import type { TaskRunRecord } from './ports/store-records.js';
import type { TaskCacheEntry } from './ports/task-cache.js';
import { taskRunPayload } from './payloads.js';
import type { RunContext } from './run-context.js';
import type { PlannedTask } from './run-plan.js';
import { errorText } from '../errors.js';

/** A usable entry for `key`, or undefined (a miss). A failing cache is a miss with a warning. */
export async function lookupCache(
  ctx: RunContext,
  task: PlannedTask,
  key: CacheKey,
  warnings: string[],
): Promise<TaskCacheEntry | undefined> {
  const cache = ctx.deps.cache;
  if (cache === undefined) return undefined;
  let entry: TaskCacheEntry | undefined;
  try {
    entry = await cache.get(key.hash, ctx.now());
  } catch (error) {
    warnings.push(`task cache lookup failed, running the task: ${errorText(error)}`);
    return undefined;
  }
  if (entry === undefined || entry.hash !== key.hash) return undefined;
  if (entry.expiresAt !== null && Date.parse(entry.expiresAt) <= ctx.deps.clock.now()) return undefined;
  // A stored selection that no longer names direct successors cannot be replayed: run the task instead.
  if (task.step.type === 'branch' && !decideBranches(entry.branchSelections, successorNames(ctx, task)).ok) return undefined;
  return entry;
}

/** Ends `tr` as a cache hit of `entry`; claims follow-up work and publishes the events. */
export async function commitCacheHit(
  ctx: RunContext,
  task: PlannedTask,
  tr: TaskRunRecord,
  entry: TaskCacheEntry,
  slots: ClaimSlots,
): Promise<Committed> {
  const { committed, events } = await ctx.deps.store.transaction(async (tx) => {
    const out: NewExecutionEvent[] = [];
    const row = await tx.taskRuns.finish(tr.id, {
      status: 'cached',
      completedAt: ctx.now(),
      result: entry.result,
      exitCode: null,
      output: entry.output,
      branchSelections: entry.branchSelections,
      error: null,
      cacheHit: true,
    });
    if (row === undefined) return { committed: { kind: 'ended', row, claimed: [] } as Committed, events: [] };
    out.push(ctx.taskEvent('task_cached', row.taskId, cachedPayload(ctx, row, entry)));
    out.push(...(await advance(tx, ctx, task, row.status, notSelected(ctx, task, entry))));
    const claimed = await claimAfterCommit(tx, ctx, slots, row.status, out);
    return { committed: { kind: 'ended', row, claimed } as Committed, events: await tx.events.append(out) };
  });
  if (committed.kind === 'ended' && committed.row !== undefined) ctx.outputs.set(committed.row.id, entry.output);
  ctx.publish(events);
  return committed;
}

function cachedPayload(ctx: RunContext, row: TaskRunRecord, entry: TaskCacheEntry): TaskCachedPayload {
  const payload: TaskCachedPayload = {
    ...taskRunPayload(ctx.identity, row),
    cache_hash: entry.hash,
    cache_origin_run_id: entry.runId,
    cache_origin_task_run_id: entry.taskRunId,
    cache_created_at: entry.createdAt,
  };
  if (entry.expiresAt !== null) payload.cache_expires_at = entry.expiresAt;
  return payload;
}

/** Task-run ids of direct successors a cached branch task did not select (none for other steps). */
function notSelected(ctx: RunContext, task: PlannedTask, entry: TaskCacheEntry): string[] {
  if (task.step.type !== 'branch') return [];
  const decision = decideBranches(entry.branchSelections, successorNames(ctx, task));
  if (!decision.ok) return []; // lookupCache turned these into misses
  const skip = new Set(decision.skip);
  return task.successors.filter((id) => skip.has(ctx.plan.get(id).step.name));
}

function successorNames(ctx: RunContext, task: PlannedTask): string[] {
  return task.successors.map((id) => ctx.plan.get(id).step.name).sort();
}
