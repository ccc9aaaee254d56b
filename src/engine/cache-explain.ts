/**
 * Why a task hit or missed the cache, from stored key parts: a miss is
 * compared with the newest live entry of the same job and step, and names
 * what changed (the command, an env variable, a param, a predecessor's
 * output or key, the image digest, an input file by path).
 */
import { changedParts, partsOfBlob } from './cache/key-parts.js';
import type { CacheKey } from './cache/run-cache.js';
import type { TaskCacheEntry } from './ports/task-cache.js';
import type { RunContext } from './run-context.js';
import type { PlannedTask } from './run-plan.js';
import { errorText } from '../errors.js';

/** One task's cache outcome, and why. */
export interface CacheDecision {
  jobAlias: string;
  step: string;
  /** `off`: the step does not use the cache in this run; `rerun`: it was chosen to run (`RunOptions.refresh`). */
  outcome: 'hit' | 'miss' | 'off' | 'rerun';
  reasons: string[];
}

/** Why a step in `RunOptions.refresh` does not look in the cache. */
export const REFRESH_REASON = 'chosen to run (a partial run re-runs its steps; the new result is stored)';

/** A hit: which stored result it reuses. */
export function hitReasons(entry: TaskCacheEntry): string[] {
  return [`same key as run ${entry.runId} (stored ${entry.createdAt})`];
}

/** A miss: what changed since the step's newest stored result. */
export async function missReasons(ctx: RunContext, task: PlannedTask, key: CacheKey): Promise<string[]> {
  const cache = ctx.deps.cache;
  if (cache === undefined) return ['no cache'];
  let newest: TaskCacheEntry | undefined;
  try {
    [newest] = await cache.recent({ jobId: ctx.versionId, jobAlias: ctx.job.alias }, task.step.name, ctx.now(), 1);
  } catch (error) {
    return [`the cache could not be read: ${errorText(error)}`];
  }
  if (newest === undefined) return ['no stored result for this step (first run, expired or pruned)'];
  if (newest.hash === key.hash)
    return ['the stored result with this key is not usable here (expired, or its branch selection no longer fits)'];
  const before = partsOfBlob(newest.hashInputBlob);
  if (before === undefined) return ['the key changed (the stored result was written without key details)'];
  const changed = changedParts(before, key.parts);
  return changed.length === 0 ? ['the key changed'] : changed;
}

/** Why a step does not use the cache. */
export function offReasons(ctx: RunContext, task: PlannedTask, warnings: readonly string[]): string[] {
  if (warnings.length > 0) return [...warnings];
  if (ctx.settings.noCache) return ['the cache is bypassed (--no-cache)'];
  let enabled = true;
  try {
    enabled = ctx.cache.config(task.taskRunId, task.step).enabled;
  } catch (error) {
    return [errorText(error)];
  }
  if (!enabled) return ['cache not enabled for this step (set cache: true on the step or metadata)'];
  return ['no cache is configured'];
}
