/**
 * What `caesium run reproduce` runs: a server task's recorded descriptor as
 * one local task. The env is the step's env, the run's params and the
 * predecessors' outputs as the server launched them, `secret://` references
 * still unresolved (the local secret providers resolve them, as in `caesium
 * dev`), with `--env NAME=VALUE` laid on top.
 */
import type { TaskDescriptorJson } from '../../api/index.js';
import { UsageError } from '../../errors.js';
import type { Engine, Job, JobSpec, StringMap } from '../../jobdef/types.js';
import { normalizeJob } from '../../jobdef/normalize.js';

/** The engines a task can be reproduced on. */
export type ReproduceEngine = Extract<Engine, 'local' | 'docker' | 'podman'>;

/** One task, ready to run or to open a shell in. */
export interface ReproducedTask {
  alias: string;
  step: string;
  engine: ReproduceEngine;
  image: string;
  command: string[] | undefined;
  env: StringMap;
  workdir: string;
  mounts: TaskDescriptorJson['mounts'];
}

/** The task of `descriptor` on `engine` (default: the one it ran on), `overrides` over its env. */
export function reproducedTask(descriptor: TaskDescriptorJson, engine: ReproduceEngine | undefined, overrides: StringMap): ReproducedTask {
  const chosen = engine ?? descriptor.engine;
  if (chosen === 'kubernetes') {
    throw new UsageError(`task ${descriptor.task} ran on kubernetes, which cannot run here`, 'pick one: --engine local, docker or podman');
  }
  if (chosen === 'local' && descriptor.command === undefined) {
    throw new UsageError(
      `task ${descriptor.task} has no command (it runs its image's entrypoint), so the local engine has nothing to run`,
      'reproduce it in its image: --engine docker or --engine podman',
    );
  }
  if (chosen !== 'local' && descriptor.image === '') {
    throw new UsageError(
      `task ${descriptor.task} ran on ${descriptor.engine} without an image, so ${chosen} has nothing to run it in`,
      'reproduce it with --engine local',
    );
  }
  const env: StringMap = { ...descriptor.env, ...descriptor.params, ...descriptor.outputs, ...overrides };
  return {
    alias: descriptor.env.CAESIUM_JOB_ALIAS ?? 'reproduce',
    step: descriptor.task,
    engine: chosen,
    image: descriptor.image,
    command: descriptor.command,
    env,
    workdir: descriptor.workdir,
    mounts: descriptor.mounts,
  };
}

/** `--env NAME=VALUE` flags as a map; a flag without `=` or with an empty name is a usage error. */
export function envOverrides(flags: readonly string[]): StringMap {
  const env: StringMap = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const name = eq < 0 ? '' : flag.slice(0, eq).trim();
    if (name === '') throw new UsageError(`--env ${flag}: expected NAME=VALUE`);
    env[name] = flag.slice(eq + 1);
  }
  return env;
}

/** A one-step job that runs `task` once: no retries, no cache, no timeout. */
export function reproduceJob(task: ReproducedTask): Job {
  const spec: JobSpec = {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias: task.alias },
    trigger: { type: 'http', configuration: {} },
    steps: [
      {
        name: task.step,
        engine: task.engine,
        ...(task.image === '' ? {} : { image: task.image }),
        ...(task.command === undefined ? {} : { command: task.command }),
        env: task.env,
        ...(task.workdir === '' ? {} : { workdir: task.workdir }),
        mounts: task.mounts,
      },
    ],
  };
  return normalizeJob(spec);
}
