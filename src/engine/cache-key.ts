/**
 * A task run's cache key: its configuration resolved and its identity hash
 * computed from the step, the run's params, what its direct predecessors
 * produced in this run, and the digests of its input files (docs/decisions.md
 * §3.2). Computed once per task run; its named parts are stored with the entry
 * so a later miss can say what changed.
 */
import { hashLines, identityLines } from './cache/identity.js';
import { keyParts } from './cache/key-parts.js';
import type { CacheKey } from './cache/run-cache.js';
import { stepIdentityInput } from './cache/step-input.js';
import { commandWords } from './cache/command-words.js';
import { predecessorOutputs } from './attempt.js';
import type { Engine, Step } from '../jobdef/types.js';
import type { InputDigests } from './ports/input-files.js';
import type { RunContext } from './run-context.js';
import type { PlannedTask } from './run-plan.js';
import { errorText } from '../errors.js';

/**
 * The key of a task run whose cache is enabled (undefined otherwise, or when
 * its input files could not be read); `warnings` says what went wrong on the way.
 */
export async function cacheKeyOf(ctx: RunContext, task: PlannedTask, warnings: string[]): Promise<CacheKey | undefined> {
  const known = ctx.cache.keys.get(task.taskRunId);
  if (known !== undefined) return known;
  const step = task.step;
  if (!ctx.cache.enabled(task.taskRunId, step)) return undefined;
  const config = ctx.cache.config(task.taskRunId, step);
  const engine = ctx.settings.engineOverride ?? step.engine;
  let inputs: InputDigests | undefined;
  try {
    inputs = await inputsOf(ctx, step, engine, config.inputs);
  } catch (error) {
    warnings.push(`task cache: reading the input files failed, running without the cache: ${errorText(error)}`);
    return undefined;
  }
  const outputs = (await predecessorOutputs(ctx, task)).map((o) => ({ step: o.name, output: o.output ?? {} }));
  const imageDigest = config.pinDigests ? await digestOf(ctx, engine, step.image, config.digestTtlMs, warnings) : undefined;
  const predecessors: { name: string; hash: string }[] = [];
  for (const id of task.predecessors) {
    const h = ctx.cache.hashes.get(id);
    if (h !== undefined) predecessors.push({ name: ctx.plan.get(id).step.name, hash: h });
  }
  const lines = identityLines(
    stepIdentityInput(ctx.job, step, {
      engine,
      params: ctx.params,
      predecessorOutputs: outputs,
      predecessorHashes: predecessors.map((p) => p.hash),
      baseEnv: ctx.settings.env,
      imageDigest,
      version: config.version,
      inputs,
    }),
  );
  const hash = hashLines(lines);
  const key: CacheKey = { hash, config, imageDigest, parts: keyParts(lines, predecessors) };
  ctx.cache.keys.set(task.taskRunId, key);
  ctx.cache.hashes.set(task.taskRunId, hash);
  return key;
}

/** Digests of the step's `cache.inputs` and, for `engine: local`, of files its command names; undefined without any. */
async function inputsOf(ctx: RunContext, step: Step, engine: Engine, globs: readonly string[]): Promise<InputDigests | undefined> {
  const digest = ctx.deps.inputDigests;
  const words = engine === 'local' ? commandWords(step.command) : [];
  if (digest === undefined || (globs.length === 0 && words.length === 0)) return undefined;
  const found = await digest({ jobFile: ctx.job.source?.file, globs, commandWords: words, workdir: step.workdir });
  return found.files.length === 0 && found.unmatched.length === 0 ? undefined : found;
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
