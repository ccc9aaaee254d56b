/**
 * The cache plan of a run without running it: for each step, whether it would
 * hit the cache (and which stored result), miss it (and what changed), not use
 * it, or run because a step before it runs. The run is created in the given
 * store, its events are dropped, and no runtime is asked to start anything
 * (only for an image digest when `pinDigests` wants one). Steps are judged in
 * dependency order; a hit's stored outputs feed its successors' keys, as in a
 * real run.
 */
import type { Job } from '../jobdef/types.js';
import { lookupCache } from './cache-hit.js';
import { cacheKeyOf } from './cache-key.js';
import { hitReasons, missReasons, offReasons, REFRESH_REASON, type CacheDecision } from './cache-explain.js';
import { createRun } from './create-run.js';
import type { PlannedTask } from './run-plan.js';
import type { EngineDeps, RunOptions } from './run-types.js';

/** One step of the plan; `after`: it runs because a step before it runs (its key is not known yet). */
export interface PlannedStep {
  step: string;
  outcome: CacheDecision['outcome'] | 'after';
  reasons: string[];
}

/** The plan of `job`, in definition order. */
export async function previewCache(job: Job, deps: EngineDeps, options: Omit<RunOptions, 'signal'>): Promise<PlannedStep[]> {
  const { ctx } = await createRun(job, { ...deps, events: () => undefined }, options);
  const judged = new Map<string, PlannedStep>();
  for (const task of dependencyOrder(ctx.plan.tasks)) {
    const upstream = task.predecessors.map((id) => judged.get(id)).filter((p) => p !== undefined && p.outcome !== 'hit');
    if (upstream.length > 0) {
      judged.set(task.taskRunId, {
        step: task.step.name,
        outcome: 'after',
        reasons: [`runs after ${upstream.map((p) => p?.step).join(', ')}`],
      });
      continue;
    }
    const warnings: string[] = [];
    const key = await cacheKeyOf(ctx, task, warnings);
    if (key === undefined) {
      judged.set(task.taskRunId, { step: task.step.name, outcome: 'off', reasons: offReasons(ctx, task, warnings) });
      continue;
    }
    if (ctx.settings.refresh.has(task.step.name)) {
      judged.set(task.taskRunId, { step: task.step.name, outcome: 'rerun', reasons: [REFRESH_REASON] });
      continue;
    }
    const hit = await lookupCache(ctx, task, key, warnings);
    if (hit !== undefined) {
      ctx.outputs.set(task.taskRunId, hit.output);
      judged.set(task.taskRunId, { step: task.step.name, outcome: 'hit', reasons: hitReasons(hit) });
    } else {
      judged.set(task.taskRunId, { step: task.step.name, outcome: 'miss', reasons: [...warnings, ...(await missReasons(ctx, task, key))] });
    }
  }
  return ctx.plan.tasks.map((t) => judged.get(t.taskRunId)).filter((p) => p !== undefined);
}

/** Tasks with every predecessor before them (a cycle's members, which validation rejects, come last). */
function dependencyOrder(tasks: readonly PlannedTask[]): PlannedTask[] {
  const remaining = new Map(tasks.map((t) => [t.taskRunId, t.predecessors.length]));
  const byId = new Map(tasks.map((t) => [t.taskRunId, t]));
  const queue = tasks.filter((t) => t.predecessors.length === 0);
  const out: PlannedTask[] = [];
  while (queue.length > 0) {
    const t = queue.shift() as PlannedTask;
    out.push(t);
    for (const id of t.successors) {
      const left = (remaining.get(id) ?? 0) - 1;
      remaining.set(id, left);
      const next = byId.get(id);
      if (left === 0 && next !== undefined) queue.push(next);
    }
  }
  for (const t of tasks) if (!out.includes(t)) out.push(t);
  return out;
}
