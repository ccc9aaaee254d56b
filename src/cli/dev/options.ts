/**
 * The flags and environment of `caesium dev`, checked once at the boundary
 * and turned into typed options (a bad value is a usage error, exit 2).
 */
import { UsageError } from '../../errors.js';
import type { FailurePolicy } from '../../engine/run-types.js';
import { parseDuration } from '../../jobdef/duration.js';
import type { Engine, StringMap } from '../../jobdef/types.js';
import { pathList } from '../paths.js';
import { parseParams } from './params.js';
import { resolveDevCacheOptions, type DevCacheOptions } from './cache.js';
import { readEnvFiles } from './env-file.js';
import type { StepFilter } from './partial.js';

/** The flags as commander hands them over. */
export interface DevFlags {
  path?: string[];
  alias?: string;
  engine?: string;
  param?: string[];
  maxParallel?: string;
  taskTimeout?: string;
  runTimeout?: string;
  logs?: boolean;
  once?: boolean;
  json?: boolean;
  /** `--cache-dir <dir>`. */
  cacheDir?: string;
  /** false with `--no-cache`. */
  cache?: boolean;
  /** `--env-file <file>` (repeatable). */
  envFile?: string[];
  /** `--from <step>`. */
  from?: string;
  /** `--only <steps>` (repeatable, comma lists). */
  only?: string[];
  failed?: boolean;
  dryRun?: boolean;
  explainCache?: boolean;
}

/** Checked options of a dev session. */
export interface DevOptions {
  /** `--path` values (comma lists split), default `.`. */
  paths: string[];
  alias: string | undefined;
  engineOverride: Engine | undefined;
  params: StringMap;
  /** The default parallelism: `CAESIUM_MAX_PARALLEL_TASKS`, else the CPU count (a job's `maxParallelTasks` wins over it). */
  maxParallel: number;
  /** `--max-parallel`: wins over the job and the environment. */
  maxParallelOverride: number | undefined;
  /** Flags override the job's timeouts; undefined (or `0`) keeps the job's. */
  taskTimeoutMs: number | undefined;
  runTimeoutMs: number | undefined;
  /** `CAESIUM_TASK_FAILURE_POLICY`; undefined keeps the engine's default (`continue`, docs/decisions.md D6). */
  failurePolicy: FailurePolicy | undefined;
  logs: boolean;
  once: boolean;
  /** `--json` (only with `--once`): one JSON document on stdout, the human lines on stderr. */
  json: boolean;
  /** The task cache: `--cache-dir`, `--no-cache`, `CAESIUM_CACHE_*`. */
  cache: DevCacheOptions;
  /** `--env-file` variables: plain env of every task, and where `secret://env/NAME` looks first. */
  envFile: StringMap;
  /** `--from` / `--only`: the steps a partial run keeps (./partial.ts). */
  steps: StepFilter;
  /** `--failed`: keep the steps that did not succeed in the job's last local run (./last-run.ts). */
  failed: boolean;
  /** `--dry-run`: print the plan (./plan.ts) and run nothing. */
  dryRun: boolean;
  /** `--explain-cache`: print each step's cache outcome and why after its run. */
  explainCache: boolean;
}

const OVERRIDE_ENGINES: readonly Engine[] = ['local', 'docker', 'podman'];

/** Checks `flags` and `env`; throws `UsageError` on the first bad value. */
export function resolveDevOptions(flags: DevFlags, env: Record<string, string | undefined>, cpuCount: number): DevOptions {
  const engine = flags.engine;
  if (engine !== undefined && !OVERRIDE_ENGINES.includes(engine as Engine)) {
    throw new UsageError(`--engine must be one of ${OVERRIDE_ENGINES.join(', ')}; got "${engine}"`);
  }
  if (flags.json === true && flags.once !== true) {
    throw new UsageError('--json needs --once', 'watch mode prints no single result; run `caesium dev --once --json`');
  }
  if (flags.dryRun === true && flags.json === true) throw new UsageError('--dry-run prints a plan, not a run result: leave out --json');
  const fromEnv = positiveInt(env.CAESIUM_MAX_PARALLEL_TASKS, 'CAESIUM_MAX_PARALLEL_TASKS');
  return {
    paths: pathList(flags.path),
    alias: flags.alias,
    engineOverride: engine as Engine | undefined,
    params: parseParams(flags.param ?? []),
    maxParallel: fromEnv ?? Math.max(1, cpuCount),
    maxParallelOverride: positiveInt(flags.maxParallel, '--max-parallel'),
    taskTimeoutMs: duration(flags.taskTimeout, '--task-timeout'),
    runTimeoutMs: duration(flags.runTimeout, '--run-timeout'),
    failurePolicy: failurePolicy(env.CAESIUM_TASK_FAILURE_POLICY),
    logs: flags.logs === true,
    once: flags.once === true,
    json: flags.json === true,
    cache: resolveDevCacheOptions(flags, env),
    envFile: readEnvFiles(flags.envFile ?? []),
    steps: stepFilter(flags),
    failed: flags.failed === true,
    dryRun: flags.dryRun === true,
    explainCache: flags.explainCache === true,
  };
}

/** A whole number ≥ 0; 0 and empty mean "not set". */
function positiveInt(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim()))
    throw new UsageError(`${name} must be a whole number ≥ 0; got "${raw}"`, '0 means the default (the CPU count)');
  const n = Number(raw.trim());
  return n === 0 ? undefined : n;
}

function duration(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined || ms < 0) throw new UsageError(`${name} must be a duration like 30s, 5m or 1h30m; got "${raw}"`);
  return ms === 0 ? undefined : ms;
}

function failurePolicy(raw: string | undefined): FailurePolicy | undefined {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return undefined;
  if (value === 'halt' || value === 'continue') return value;
  throw new UsageError(`CAESIUM_TASK_FAILURE_POLICY must be "halt" or "continue"; got "${raw}"`);
}

function stepFilter(flags: DevFlags): StepFilter {
  const from = flags.from?.trim();
  if (flags.from !== undefined && from === '') throw new UsageError('--from must name a step');
  const only = (flags.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim());
  if (only.some((v) => v === '')) throw new UsageError('--only must name steps, e.g. --only extract,load');
  return { from, only };
}
