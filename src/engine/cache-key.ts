/**
 * A task run's cache key: its configuration resolved and its identity hash
 * computed from the step, the run's params, and what its direct predecessors
 * produced in this run (docs/decisions.md §3.2). Computed once per task run.
 */
import { identityHash } from './cache/identity.js';
import type { CacheKey } from './cache/run-cache.js';
import { stepIdentityInput } from './cache/step-input.js';
import { predecessorOutputs } from './attempt.js';
import type { Engine } from '../jobdef/types.js';
import type { RunContext } from './run-context.js';
import type { PlannedTask } from './run-plan.js';
import { errorText } from '../errors.js';

/** The key of a task run whose cache is enabled (undefined otherwise); `warnings` says what went wrong on the way. */
export async function cacheKeyOf(ctx: RunContext, task: PlannedTask, warnings: string[]): Promise<CacheKey | undefined> {
  const known = ctx.cache.keys.get(task.taskRunId);
  if (known !== undefined) return known;
  const step = task.step;
  if (!ctx.cache.enabled(task.taskRunId, step)) return undefined;
  const config = ctx.cache.config(task.taskRunId, step);
  const engine = ctx.settings.engineOverride ?? step.engine;
  const outputs = (await predecessorOutputs(ctx, task)).map((o) => ({ step: o.name, output: o.output ?? {} }));
  const imageDigest = config.pinDigests ? await digestOf(ctx, engine, step.image, config.digestTtlMs, warnings) : undefined;
  const predecessorHashes: string[] = [];
  for (const id of task.predecessors) {
    const h = ctx.cache.hashes.get(id);
    if (h !== undefined) predecessorHashes.push(h);
  }
  const hash = identityHash(
    stepIdentityInput(ctx.job, step, {
      engine,
      params: ctx.params,
      predecessorOutputs: outputs,
      predecessorHashes,
      baseEnv: ctx.settings.env,
      imageDigest,
      version: config.version,
    }),
  );
  const key: CacheKey = { hash, config, imageDigest };
  ctx.cache.keys.set(task.taskRunId, key);
  ctx.cache.hashes.set(task.taskRunId, hash);
  return key;
}

/** The image digest from the step's runtime, reused for `digestTtlMs`; undefined when it has none. */
async function digestOf(ctx: RunContext, engine: Engine, image: string, ttlMs: number, warnings: string[]): Promise<string | undefined> {
  const memo = `${engine} ${image}`;
  const now = ctx.deps.clock.now();
  const seen = ctx.cache.digests.get(memo);
  if (seen !== undefined && now - seen.at < ttlMs) return seen.digest;
  let digest: string | undefined;
  try {
    const runtime = await ctx.runtime(engine);
    digest = image === '' ? undefined : await runtime.imageDigest?.(image);
  } catch (error) {
    warnings.push(`task cache: resolving the digest of ${image} failed: ${errorText(error)}`);
  }
  ctx.cache.digests.set(memo, { digest, at: now });
  return digest;
}
